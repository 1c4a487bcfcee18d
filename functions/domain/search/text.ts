// Text handling shared by the server-side search and the Pagefind index builder.

export const normalize = (text: string): string => text.normalize('NFC').toLocaleLowerCase('sv');

/** Words of a text: runs of letters and digits (å, ä, ö and other letters included). */
export function words(text: string): string[] {
  return normalize(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Common Swedish inflection endings, longest first. Only query terms are stemmed; documents are
// matched by prefix and infix, which covers both inflected forms and compounds.
const endings = [
  'arnas',
  'ernas',
  'ornas',
  'arna',
  'erna',
  'orna',
  'heten',
  'ande',
  'ende',
  'ens',
  'ets',
  'are',
  'en',
  'et',
  'ar',
  'er',
  'or',
  'na',
  'a',
  'e',
  's',
];
const minStem = 4;

export function stem(word: string): string {
  for (const ending of endings) {
    if (word.length - ending.length >= minStem && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

const stopwords = new Set(
  'och i att det som en på är av för med till den har de inte om ett men vid så var från kan ska eller när hur vad vem där'.split(
    ' ',
  ),
);

/** The meaningful terms of a query; stopwords are dropped unless nothing else is left. */
export function queryTerms(query: string): string[] {
  const all = [...new Set(words(query))];
  const meaningful = all.filter((w) => !stopwords.has(w));
  return meaningful.length > 0 ? meaningful : all;
}

/** Plain text from Markdown: enough for search and snippets, not a Markdown renderer. */
export function markdownToText(markdown: string): string {
  return (
    markdown
      .replace(/```[\s\S]*?```/g, ' ')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      // A heading ends a sentence, so that snippets do not run it into the next paragraph.
      .replace(/^\s{0,3}#{1,6}\s+(.*?)\s*$/gm, '$1.')
      .replace(/^\s{0,3}(>|[-*+]|\d+\.)\s+/gm, '')
      .replace(/[*_`~|]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

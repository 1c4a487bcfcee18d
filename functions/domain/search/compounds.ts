import { stem, words } from './text';

// Words of this domain that often end a compound. Pagefind matches whole words and prefixes
// only, so the index builder adds these parts explicitly for every compound that ends in one.
const lexicon = [
  'anmälan',
  'anmälningar',
  'överenskommelse',
  'överenskommelser',
  'samverkan',
  'socialtjänst',
  'socialtjänsten',
  'skola',
  'skolor',
  'skolan',
  'förvaltning',
  'förvaltningen',
  'nämnd',
  'nämnden',
  'ansvar',
  'ansvaret',
  'insats',
  'insatser',
  'möte',
  'möten',
  'område',
  'områden',
  'funktion',
  'material',
  'utredning',
  'sekretess',
  'frånvaro',
  'uppföljning',
  'tillsyn',
  'elev',
  'elever',
  'barn',
  'ungdomar',
  'placering',
  'klass',
  'klasser',
  'hem',
  'lag',
];

/** The known words a text's compounds end with, e.g. "överenskommelse" from "samverkansöverenskommelse". */
export function compoundParts(text: string, extraVocabulary: Iterable<string> = []): string[] {
  const vocabulary = new Set([...lexicon, ...extraVocabulary].map((w) => stem(w)).filter((w) => w.length >= 4));
  const parts = new Set<string>();
  for (const word of new Set(words(text))) {
    if (word.length < 8) continue;
    // The longest known tail wins: "samverkansöverenskommelsen" → "överenskommelsen".
    for (let i = 3; i <= word.length - 4; i += 1) {
      const tail = word.slice(i);
      if (vocabulary.has(stem(tail)) || vocabulary.has(tail)) {
        parts.add(tail);
        break;
      }
    }
  }
  return [...parts];
}

// Soft hyphens (U+00AD) in the long Swedish compounds of headings. `hyphens: auto` needs the
// browser's Swedish hyphenation dictionary, which Chromium on Linux and Windows only downloads on
// demand and often lacks; without one a heading's "Samverkansöverenskommelsen" would be broken bare
// by overflow-wrap on a phone. A soft hyphen is invisible unless the line breaks there, and then
// shows as a hyphen in every browser. Markdown headings inside content bodies do not pass through
// here (the Markdown processor is Astro's default); their longest compound fits a 320 px screen at
// the phone heading size in global.css, which test/browser/guidance.test.ts measures.

const softHyphen = '\u00AD';

// The first parts of the compounds the portal's headings use, each ending where a break reads well.
const parts = [
  'samverkans',
  'överens',
  'stadsdels',
  'förvaltnings',
  'anmälnings',
  'personuppgifts',
  'tillgänglighets',
  'redo',
  'funktions',
  'mottagnings',
  'socialtjänst',
  'aktivitets',
  'framgångs',
  'gräns',
  'elevhälso',
  'utrednings',
];

/** Words shorter than this fit any heading on a 320 px screen and are left alone. */
const minLength = 16;

function hyphenateWord(word: string): string {
  if (word.length < minLength || word.includes(softHyphen)) return word;
  const lower = word.toLocaleLowerCase('sv');
  const breaks = new Set<number>();
  for (const part of parts) {
    for (let at = lower.indexOf(part); at !== -1; at = lower.indexOf(part, at + 1)) {
      const end = at + part.length;
      // Keep at least three letters on each side of a break.
      if (end >= 3 && word.length - end >= 3) breaks.add(end);
    }
  }
  return [...breaks].sort((a, b) => b - a).reduce((w, end) => w.slice(0, end) + softHyphen + w.slice(end), word);
}

/** The text with soft hyphens at the joins of its long compounds. */
export const hyphenate = (text: string): string => text.replace(/[\p{L}]+/gu, hyphenateWord);

import { messages } from '../../functions/messages';

// Hostile values for the form fields, each with the Swedish message the portal must answer with.

export type Value = string | string[];
export type FieldCase = { what: string; value: Value; message: string };

const f = messages.fields;

/** Characters that must never get into a stored name or text: they hide or reorder what is shown. */
export const forbiddenChars: Record<string, string> = {
  NUL: '\u0000',
  BEL: '\u0007',
  'ESC (terminal colour)': '\u001b[31m',
  DEL: '\u007f',
  'NEL (C1)': '\u0085',
  'right-to-left override': '\u202e',
  'left-to-right override': '\u202d',
  'right-to-left isolate': '\u2067',
  'right-to-left mark': '\u200f',
  'Arabic letter mark': '\u061c',
  'zero-width space': '\u200b',
  'zero-width joiner': '\u200d',
  'word joiner': '\u2060',
  'byte order mark': '\ufeff',
  'soft hyphen': '\u00ad',
};

/** Line breaks and tabs, which a single line does not take (multi-line text does). */
const lineBreaks: Record<string, string> = {
  newline: '\n',
  'carriage return': '\r',
  tab: '\t',
  'line separator': '\u2028',
};

/**
 * The values that come back as markup: a value may only appear inside a double-quoted attribute
 * (where its own quotes are escaped), never in the page's text or among its tags.
 */
export function unescaped(html: string, values: string[]): string[] {
  const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
  return values.filter((value) => /[<>"]/.test(value) && outsideAttributes.includes(value));
}

export const xss = [
  '<script>alert("xss")</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
];
export const sql = ["Robert'); DROP TABLE schools;--", "' OR '1'='1' --", '1; DELETE FROM users'];

/** A single line of text (names, addresses): `label` as the messages use it, `max` its length. */
export function lineCases(label: string, max: number): FieldCase[] {
  return [
    { what: 'empty', value: '', message: f.required(label) },
    { what: 'only spaces', value: '   ', message: f.required(label) },
    { what: `${max + 1} characters`, value: 'x'.repeat(max + 1), message: f.tooLong(label, max) },
    ...Object.entries({ ...forbiddenChars, ...lineBreaks }).map(([what, ch]) => ({
      what,
      value: `Skol${ch}an`,
      message: f.controlChars(label),
    })),
    { what: 'a list instead of a text', value: ['Skolan', 'Skolan'], message: f.wrongType(label) },
  ];
}

/**
 * An e-mail address: look-alike letters, invisible ones, injections and wrong shapes. A form with
 * its own message for the address (`custom`) uses it for every mistake.
 */
export function emailCases(label: string, custom?: string): FieldCase[] {
  const format = custom ?? f.email(label);
  return [
    { what: 'Cyrillic о in the domain', value: 'rektor@skоla.se', message: format },
    { what: 'Cyrillic е in the name', value: 'rеktor@skola.se', message: format },
    { what: 'fullwidth at sign', value: 'rektor＠skola.se', message: format },
    { what: 'ö as o + combining diaeresis (NFD)', value: 'rekto\u0308r@skola.se', message: format },
    { what: 'zero-width space', value: 'rektor@sko\u200bla.se', message: format },
    { what: 'a second header', value: 'rektor@skola.se\r\nBcc: alla@ond.example', message: format },
    ...xss.slice(0, 2).map((value) => ({ what: `markup ${value}`, value: `${value}@skola.se`, message: format })),
    { what: 'SQL', value: "' OR '1'='1'--@skola.se", message: format },
    { what: '255 characters', value: `${'x'.repeat(246)}@skola.se`, message: f.tooLong(label, 254) },
    { what: 'empty', value: '', message: custom ?? f.required(label) },
    {
      what: 'a list instead of a text',
      value: ['rektor@skola.se', 'annan@skola.se'],
      message: custom ?? f.wrongType(label),
    },
  ];
}

/** Codes and numbers: only ASCII digits count, whatever else looks like one. */
export const codeValues: Record<string, string> = {
  markup: xss[0] as string,
  SQL: "1' OR '1'='1",
  'fullwidth digits': '１２３４５６７８',
  'Arabic-Indic digits': '١٢٣٤٥٦٧٨',
  'digits with a zero-width space': '1234\u200b5678',
};

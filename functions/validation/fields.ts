import { z } from 'zod';
import { messages } from '../messages';
import { containsPersonalNumber } from './personal-number';

const m = messages.fields;
// Single-line fields take no control characters at all (tab, newline, NUL, bidi overrides…), and
// none of the invisible ones that make a name look like another (zero-width, soft hyphen, BOM).
const controlChars = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

const trimmed = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : v);
const digitsOnly = (v: unknown) => (typeof v === 'string' ? v.replace(/[\s-]/g, '') : v);

const baseString = (label: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? m.required(label) : m.wrongType(label)) });

/** A trimmed single line of text with a length limit, and never a personnummer (the portal stores none). */
export const line = (label: string, max: number, min = 2) =>
  z.preprocess(
    trimmed,
    baseString(label)
      .min(1, m.required(label))
      .refine((v) => !controlChars.test(v), m.controlChars(label))
      .refine((v) => v.length <= max, m.tooLong(label, max))
      .refine((v) => v.length >= min, m.tooShort(label, min))
      .refine((v) => !containsPersonalNumber(v), m.personalNumber(label)),
  );

/** An e-mail address, lower-cased. */
export const email = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    baseString(label)
      .min(1, m.required(label))
      .refine((v) => v.length <= 254, m.tooLong(label, 254))
      .pipe(z.email({ error: m.email(label) })),
  );

/** Luhn (mod 10) over the digits, as used for Swedish organisation numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Skolenhetskod: 8 digits, spaces ignored. */
export const schoolUnitCode = (label: string) =>
  z.preprocess(
    digitsOnly,
    baseString(label)
      .min(1, m.required(label))
      .regex(/^\d{8}$/, m.schoolUnitCode),
  );

/** Organisationsnummer: 10 digits, hyphen and spaces ignored, stored as NNNNNN-NNNN. */
export const orgNumber = (label: string) =>
  z.preprocess(
    digitsOnly,
    baseString(label)
      .min(1, m.required(label))
      .regex(/^\d{10}$/, m.orgNumberFormat)
      .refine((v) => Number(v[2]) >= 2, m.orgNumberThirdDigit)
      .refine(luhnValid, m.orgNumberChecksum)
      .transform((v) => `${v.slice(0, 6)}-${v.slice(6)}`),
  );

/** Postnummer: 5 digits, spaces ignored, stored as NNN NN. */
export const postcode = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
    baseString(label)
      .min(1, m.required(label))
      .regex(/^\d{5}$/, m.postcode)
      .transform((v) => `${v.slice(0, 3)} ${v.slice(3)}`),
  );

/** Checkbox groups arrive as one string or several; a value sent twice counts once. */
export const checkboxes = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.enum(values, { error: message }), { error: message })
      .min(1, message)
      .transform((v) => [...new Set(v)]),
  );

/** First message per field, in the order the fields are listed: for the error summary. */
export function fieldErrors(error: z.ZodError, order: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in out)) out[field] = issue.message;
  }
  return Object.fromEntries(order.filter((f) => f in out).map((f) => [f, out[f] as string]));
}

/** A real calendar date written YYYY-MM-DD (not 2026-13-45). */
export const isRealDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v;

/** A district's slug as every district choice sends it (a–z and hyphens). */
export const districtSlug = (message: string) => z.string({ error: message }).regex(/^[a-z-]{2,40}$/, message);

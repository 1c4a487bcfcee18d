import { z } from 'zod';
import type { AgreementAdditions } from '../db/schema';
import { messages } from '../messages';
import type { TemplateContent } from './template';
import { line } from './fields';
import { containsPersonalNumber } from './personal-number';

const m = messages.agreement;
// Multi-line text may hold newlines and tabs, nothing else below U+0020, and no bidi or invisible
// characters (zero-width, soft hyphen, BOM) that would make the signed text read otherwise.
const controlChars =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** Free text in the agreement: never anything that looks like it is about a pupil. */
export const freeText = (label: string, max: number, required: boolean) =>
  z.preprocess(
    (v) => (v === undefined ? '' : typeof v === 'string' ? v.normalize('NFC').replace(/\r\n?/g, '\n').trim() : v),
    z
      .string({ error: m.controlChars(label) })
      .refine((v) => !required || v.length > 0, m.required(label))
      .refine((v) => !controlChars.test(v), m.controlChars(label))
      .refine((v) => v.length <= max, m.tooLong(label, max))
      .refine((v) => !containsPersonalNumber(v), m.personalNumber),
  );

export const sectionField = (id: string) => `section.${id}`;
export const meetingField = (id: string) => `meeting.${id}`;

/** The fields of the agreement form for one template, in page order. */
export function additionFields(t: TemplateContent): string[] {
  return [
    ...t.sections.filter((s) => s.localAddition).map((s) => sectionField(s.id)),
    ...t.meetings.map((mt) => meetingField(mt.id)),
  ];
}

/**
 * The form's schema, made from the template: a text per local addition (required to sign, not
 * to save a draft) and an optional note per meeting.
 */
export function additionsSchema(t: TemplateContent, { complete }: { complete: boolean }) {
  const shape: Record<string, z.ZodType> = {};
  for (const s of t.sections)
    if (s.localAddition) shape[sectionField(s.id)] = freeText(s.localAddition.label, 4000, complete);
  for (const mt of t.meetings) shape[meetingField(mt.id)] = freeText(messages.labels.meetingPlan(mt.area), 2000, false);
  return z.strictObject(shape).transform((values): AgreementAdditions => {
    const additions: AgreementAdditions = { sections: {}, meetings: {} };
    for (const [key, value] of Object.entries(values)) {
      const [kind, id] = key.split('.') as ['section' | 'meeting', string];
      additions[kind === 'section' ? 'sections' : 'meetings'][id] = String(value);
    }
    return additions;
  });
}

/** The additions as form values, to fill the form again. */
export function additionsToValues(a: AgreementAdditions): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(a.sections).map(([id, v]) => [sectionField(id), v])),
    ...Object.fromEntries(Object.entries(a.meetings).map(([id, v]) => [meetingField(id), v])),
  };
}

const signature = (statementMessage: string) =>
  z.strictObject({
    fullName: line(messages.labels.signerName, 120, 3),
    statement: z.literal('ja', { error: statementMessage }),
    documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  });

/** The principal's signature: each signer is told about the statement they themselves tick. */
export const signSchema = signature(m.statement);
/** The district's confirmation. */
export const confirmSchema = signature(m.confirmStatement);
export const signFields = ['fullName', 'statement'] as const;

export const returnSchema = z.strictObject({ comment: freeText(messages.labels.comment, 2000, true) });
export const returnFields = ['comment'] as const;

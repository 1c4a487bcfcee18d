import { z } from 'zod';
import type { FollowUpAnswers } from '../db/schema';
import { messages } from '../messages';
import type { TemplateContent } from './template';
import { freeText } from './agreement';

const m = messages.followUp;
export const heldField = (meetingId: string) => `held.${meetingId}`;

export function followUpFields(t: TemplateContent): string[] {
  return [...t.meetings.map((mt) => heldField(mt.id)), 'present', 'worked', 'develop', 'rating'];
}

/**
 * The follow-up form for one template: meetings held per cooperation area, which functions took
 * part, what worked, what to develop, and a rating 1–5. A draft may be incomplete; a submitted
 * answer may not.
 */
export function followUpSchema(t: TemplateContent, { complete }: { complete: boolean }) {
  const ids = t.requiredFunctions.map((f) => f.id);
  const shape: Record<string, z.ZodType> = {};
  for (const mt of t.meetings) {
    shape[heldField(mt.id)] = z.preprocess(
      (v) =>
        v === undefined || v === '' ? (complete ? undefined : null) : typeof v === 'string' ? Number(v.trim()) : v,
      z
        .number({ error: m.held(mt.area) })
        .int(m.held(mt.area))
        .min(0, m.held(mt.area))
        .max(99, m.held(mt.area))
        .nullable(),
    );
  }
  shape['present'] = z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.enum(ids as [string, ...string[]], { error: m.present }))
      .refine((v) => !complete || v.length > 0, m.present),
  );
  shape['worked'] = freeText(messages.labels.worked, 3000, complete);
  shape['develop'] = freeText(messages.labels.develop, 3000, complete);
  shape['rating'] = z.preprocess(
    (v) => (v === undefined || v === '' ? null : Number(v)),
    z
      .number()
      .int()
      .min(1, m.rating)
      .max(5, m.rating)
      .nullable()
      .refine((v) => !complete || v !== null, m.rating),
  );
  return z.strictObject(shape).transform((v): FollowUpAnswers => ({
    meetingsHeld: Object.fromEntries(t.meetings.map((mt) => [mt.id, (v[heldField(mt.id)] as number | null) ?? 0])),
    functionsPresent: v['present'] as string[],
    worked: v['worked'] as string,
    develop: v['develop'] as string,
    rating: v['rating'] as number | null,
  }));
}

export function followUpToValues(a: FollowUpAnswers): Record<string, string | string[]> {
  return {
    ...Object.fromEntries(Object.entries(a.meetingsHeld).map(([id, n]) => [heldField(id), String(n)])),
    present: a.functionsPresent,
    worked: a.worked,
    develop: a.develop,
    rating: a.rating === null ? '' : String(a.rating),
  };
}

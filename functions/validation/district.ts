import { z } from 'zod';
import { messages } from '../messages';
import { districtSlug, isRealDate, line } from './fields';

const m = messages.fields;
const text = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: message }));

/** A new district, e.g. one formed by a merger: its name, its slug in addresses and its first day. */
export const districtAddSchema = z.strictObject({
  name: line(messages.labels.districtName, 80),
  // The same shape every district choice in the portal accepts (a–z and hyphens).
  slug: text(m.districtSlug).pipe(
    z
      .string()
      .regex(/^[a-z]+(-[a-z]+)*$/, m.districtSlug)
      .min(2, m.districtSlug)
      .max(40, m.districtSlug),
  ),
  validFrom: text(m.districtValidFrom).pipe(z.string().refine(isRealDate, m.districtValidFrom)),
});
export const districtAddFields = ['name', 'slug', 'validFrom'] as const;

/** The coordinator edits a district: its name, its last day and the district that takes over. */
export const districtEditSchema = z.strictObject({
  name: line(messages.labels.districtName, 80),
  validTo: z.preprocess((v) => (v === '' ? null : v), z.string().refine(isRealDate, m.lastDay).nullable()),
  successor: z.preprocess((v) => (v === '' ? null : v), districtSlug(m.successor).nullable()),
});
export const districtEditFields = ['name', 'validTo', 'successor'] as const;

/** The district's contact function, kept by its officers: a function, never a named person. */
export const districtContactSchema = z.strictObject({
  contactFunction: line(messages.labels.contactFunction, 120),
  contactEmail: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.email({ error: m.functionEmail }).max(254, m.tooLong(messages.labels.contactEmail, 254)),
  ),
  contactPhone: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: m.phone }).regex(/^[0-9 +()-]{6,20}$/, m.phone),
  ),
  contactHours: line(messages.labels.contactHours, 200),
});
export const districtContactFields = ['contactFunction', 'contactEmail', 'contactPhone', 'contactHours'] as const;

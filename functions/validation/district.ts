import { z } from 'zod';
import { messages } from '../messages';
import { line } from './fields';
import { isRealDate } from './sign-in';

const m = messages.fields;
const text = (message: string) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: message }));

/** A new district, e.g. one formed by a merger: its name, its slug in addresses and its first day. */
export const districtAddSchema = z.strictObject({
  name: line('stadsdelens namn', 80),
  // The same shape every district choice in the portal accepts (a–z and hyphens).
  slug: text(m.districtSlug).pipe(z.string().regex(/^[a-z]+(-[a-z]+)*$/, m.districtSlug).min(2, m.districtSlug).max(40, m.districtSlug)),
  validFrom: text(m.districtValidFrom).pipe(z.string().refine(isRealDate, m.districtValidFrom)),
});
export const districtAddFields = ['name', 'slug', 'validFrom'] as const;

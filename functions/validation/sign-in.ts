import { z } from 'zod';
import { messages } from '../messages';
import { email, line } from './fields';

export const signInSchema = z.strictObject({ email: email('din e-postadress') });
export const signInFields = ['email'] as const;

export const confirmSchema = z.strictObject({ token: z.string().min(20).max(100) });

export const inviteSchema = z.strictObject({
  name: line('handläggarens namn', 120),
  email: email('handläggarens e-postadress'),
  district: z.string({ error: messages.fields.chooseDistrict }).regex(/^[a-z-]{2,40}$/, messages.fields.chooseDistrict),
});
export const inviteFields = ['name', 'email', 'district'] as const;

/** A real calendar date written YYYY-MM-DD (not 2026-13-45). */
export const isRealDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v;

export const districtEditSchema = z.strictObject({
  name: line('stadsdelens namn', 80),
  validTo: z.preprocess((v) => (v === '' ? null : v), z.string().refine(isRealDate, 'Ange sista dagen som ÅÅÅÅ-MM-DD, eller lämna tomt').nullable()),
  successor: z.preprocess((v) => (v === '' ? null : v), z.string().regex(/^[a-z-]{2,40}$/, 'Välj stadsdelen som tar över').nullable()),
});
export const districtEditFields = ['name', 'validTo', 'successor'] as const;

export const moveSchema = z.strictObject({ district: z.string().regex(/^[a-z-]{2,40}$/, 'Välj stadsdel') });

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

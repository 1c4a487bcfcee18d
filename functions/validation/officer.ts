import { z } from 'zod';
import { messages } from '../messages';
import { districtSlug, email, line } from './fields';

const l = messages.labels;

export const inviteSchema = z.strictObject({
  name: line(l.officerName, 120),
  email: email(l.officerEmail),
  district: districtSlug(messages.fields.chooseDistrict),
});
export const inviteFields = ['name', 'email', 'district'] as const;

export const moveSchema = z.strictObject({ district: districtSlug(messages.fields.chooseDistrict) });

/** Removing an officer takes a second step: the confirmation page posts confirm=ja. */
export const removeSchema = z.strictObject({ confirm: z.literal('ja', { error: messages.fields.confirmRemoval }) });
export const removeFields = ['confirm'] as const;

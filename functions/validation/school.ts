import { z } from 'zod';
import { messages } from '../messages';
import { email, line, schoolUnitCode } from './fields';

const l = messages.labels;

export const contactChangeSchema = z.strictObject({ contactEmail: email(l.registration.contactEmail) });
export const contactChangeFields = ['contactEmail'] as const;

export const principalChangeSchema = z.strictObject({
  principalName: line(l.newPrincipalName, 120),
  principalEmail: email(l.newPrincipalEmail),
});
export const principalChangeFields = ['principalName', 'principalEmail'] as const;

/** The coordinator names the school by its skolenhetskod. */
export const adminPrincipalChangeSchema = principalChangeSchema.extend({
  schoolUnitCode: schoolUnitCode(l.registration.schoolUnitCode),
});
export const adminPrincipalChangeFields = ['schoolUnitCode', ...principalChangeFields] as const;

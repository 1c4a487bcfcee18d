import { z } from 'zod';
import { email, line, schoolUnitCode } from './fields';

export const contactChangeSchema = z.strictObject({ contactEmail: email('funktionsadress för e-post') });
export const contactChangeFields = ['contactEmail'] as const;

export const principalChangeSchema = z.strictObject({
  principalName: line('den nya rektorns namn', 120),
  principalEmail: email('den nya rektorns e-postadress'),
});
export const principalChangeFields = ['principalName', 'principalEmail'] as const;

/** The coordinator names the school by its skolenhetskod. */
export const adminPrincipalChangeSchema = principalChangeSchema.extend({ schoolUnitCode: schoolUnitCode('skolenhetskod') });
export const adminPrincipalChangeFields = ['schoolUnitCode', ...principalChangeFields] as const;

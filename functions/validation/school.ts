import { z } from 'zod';
import { email, line } from './fields';

export const contactChangeSchema = z.strictObject({
  contactEmail: email('funktionsadress för e-post'),
  principalName: line('rektors namn', 120),
  principalEmail: email('rektors e-postadress'),
});
export const contactChangeFields = ['contactEmail', 'principalName', 'principalEmail'] as const;

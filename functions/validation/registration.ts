import { z } from 'zod';
import { schoolForms } from '../db/schema';
import { messages } from '../messages';
import { checkboxes, districtSlug, email, line, orgNumber, postcode, schoolUnitCode } from './fields';

/** The registration form's fields, in page order, with the words used in messages. */
export const registrationLabels = messages.labels.registration;

export type RegistrationField = keyof typeof registrationLabels;
export const registrationFields = Object.keys(registrationLabels) as RegistrationField[];

const l = registrationLabels;

export const registrationSchema = z.strictObject({
  name: line(l.name, 120),
  schoolUnitCode: schoolUnitCode(l.schoolUnitCode),
  organizerName: line(l.organizerName, 160),
  organizerOrgNumber: orgNumber(l.organizerOrgNumber),
  forms: checkboxes(schoolForms, messages.fields.forms),
  streetAddress: line(l.streetAddress, 120),
  postcode: postcode(l.postcode),
  postalTown: line(l.postalTown, 60),
  district: districtSlug(messages.fields.district),
  principalName: line(l.principalName, 120),
  principalEmail: email(l.principalEmail),
  contactEmail: email(l.contactEmail),
  consent: z.literal('ja', { error: messages.fields.consent }),
});

export type Registration = z.infer<typeof registrationSchema>;

/** The first step: the code the register is asked about, before anything else is filled in. */
export const schoolUnitCodeSchema = z.strictObject({ schoolUnitCode: schoolUnitCode(l.schoolUnitCode) });

import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { schools } from '../db/schema';
import { messages } from '../messages';
import { registrationFields, type Registration } from '../validation/registration';
import { districtRoles } from './access';
import { addressHoldsRole } from './address-roles';
import { findDistrictOn } from './districts';

/**
 * What the database says about a registration whose format is valid: the district exists today,
 * the school unit code is not taken, and neither address belongs to the city's staff. Messages
 * keyed by field, in page order; empty when the registration may go on.
 */
export async function checkRegistration({
  db,
  input,
  now,
}: {
  db: Db;
  input: Registration;
  now: Date;
}): Promise<Record<string, string>> {
  const [district, taken, principalIsStaff, contactIsStaff] = await Promise.all([
    findDistrictOn(db, input.district, now),
    db.select({ id: schools.id }).from(schools).where(eq(schools.schoolUnitCode, input.schoolUnitCode)).limit(1),
    addressHoldsRole(db, input.principalEmail, districtRoles),
    addressHoldsRole(db, input.contactEmail, districtRoles),
  ]);
  const errors: Record<string, string> = {};
  if (!district) errors['district'] = messages.fields.district;
  if (taken.length > 0) errors['schoolUnitCode'] = messages.fields.duplicateSchoolUnitCode;
  if (principalIsStaff) errors['principalEmail'] = messages.errors.CITY_ROLE_CONFLICT;
  if (contactIsStaff) errors['contactEmail'] = messages.fields.cityRoleContact;
  return Object.fromEntries(registrationFields.filter((f) => f in errors).map((f) => [f, errors[f] as string]));
}

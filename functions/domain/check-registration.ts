import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { schools } from '../db/schema';
import { messages } from '../messages';
import { registrationFields, type Registration } from '../validation/registration';
import { districtRoles } from './access';
import { addressHoldsRole } from './address-roles';
import { findDistrictOn } from './districts';

/** What the database holds about a registration: its district today, whether the code is taken, staff addresses. */
export type RegistrationFacts = Awaited<ReturnType<typeof readRegistrationFacts>>;

/** The facts in one round trip: none of the reads depends on another. */
export async function readRegistrationFacts({ db, input, now }: { db: Db; input: Registration; now: Date }) {
  const [district, taken, principalIsStaff, contactIsStaff] = await Promise.all([
    findDistrictOn(db, input.district, now),
    db.select({ id: schools.id }).from(schools).where(eq(schools.schoolUnitCode, input.schoolUnitCode)).limit(1),
    addressHoldsRole(db, input.principalEmail, districtRoles),
    addressHoldsRole(db, input.contactEmail, districtRoles),
  ]);
  return { district, taken: taken.length > 0, principalIsStaff, contactIsStaff };
}

/**
 * What the facts say about a registration whose format is valid: the district exists today, the
 * school unit code is not taken, and neither address belongs to the city's staff. Messages keyed
 * by field, in page order; empty when the registration may go on.
 */
export function registrationErrors(facts: RegistrationFacts): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!facts.district) errors['district'] = messages.fields.district;
  if (facts.taken) errors['schoolUnitCode'] = messages.fields.duplicateSchoolUnitCode;
  if (facts.principalIsStaff) errors['principalEmail'] = messages.errors.CITY_ROLE_CONFLICT;
  if (facts.contactIsStaff) errors['contactEmail'] = messages.fields.cityRoleContact;
  return Object.fromEntries(registrationFields.filter((f) => f in errors).map((f) => [f, errors[f] as string]));
}

/** A code already registered is a conflict (409); anything else the school can correct (400). */
export const registrationStatus = (facts: RegistrationFacts) => (facts.taken ? 409 : 400);

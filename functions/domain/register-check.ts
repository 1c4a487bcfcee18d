import type { RegisterCheck } from '../db/schema';
import type { ErrorCode } from '../messages';
import {
  fetchSchoolUnit,
  stockholmMunicipalityCode,
  type RegisterConfig,
  type SchoolUnit,
} from '../register/skolverket';

/** Why Skolverket's register does not let a code into the network. */
export type UnitRefusal = Extract<
  ErrorCode,
  'UNIT_UNKNOWN' | 'UNIT_CLOSED' | 'UNIT_OTHER_MUNICIPALITY' | 'UNIT_NOT_INDEPENDENT'
>;

/** What the register says about a code a school registers with. */
export type UnitCheck = { unit: SchoolUnit } | { refused: UnitRefusal } | { unavailable: true };

/** The reason a unit may not register, or null for an active independent unit in Stockholm. */
export function refusalFor(unit: SchoolUnit): UnitRefusal | null {
  if (unit.municipalityCode !== stockholmMunicipalityCode) return 'UNIT_OTHER_MUNICIPALITY';
  if (unit.status !== 'active') return 'UNIT_CLOSED';
  if (unit.organizerType !== 'enskild') return 'UNIT_NOT_INDEPENDENT';
  return null;
}

/**
 * Asks Skolverket, live, about the school's own code: the form is prefilled "from the register",
 * and a unit that closed since last night's sync must not register today. The synced school_units
 * table is for lists (outreach, the indicator), not for this check.
 */
export async function checkSchoolUnit(config: RegisterConfig, code: string): Promise<UnitCheck> {
  const lookup = await fetchSchoolUnit(config, code);
  if ('unavailable' in lookup) return lookup;
  if ('missing' in lookup) return { refused: 'UNIT_UNKNOWN' };
  const refused = refusalFor(lookup.unit);
  return refused ? { refused } : lookup;
}

/** The flag a registration is stored with: verified only when the register answered yes at sending. */
export const registerCheckOf = (check: UnitCheck): RegisterCheck => ('unit' in check ? 'verified' : 'unverified');

/**
 * The registration form's fields as the register fills them in (the organisation number written
 * NNNNNN-NNNN, as the form asks for it); what the register lacks stays for the school.
 */
export function prefillFrom(unit: SchoolUnit): Record<string, string | string[]> {
  const known: [string, string | null][] = [
    ['name', unit.name],
    ['organizerName', unit.organizerName || null],
    [
      'organizerOrgNumber',
      unit.orgNumber && /^\d{10}$/.test(unit.orgNumber)
        ? `${unit.orgNumber.slice(0, 6)}-${unit.orgNumber.slice(6)}`
        : unit.orgNumber,
    ],
    ['streetAddress', unit.streetAddress],
    ['postcode', unit.postcode],
    ['postalTown', unit.postalTown],
  ];
  return { ...Object.fromEntries(known.filter((k): k is [string, string] => k[1] !== null)), forms: unit.forms };
}

import { recordedUnits, type RecordedUnit } from '../lib/skolverket-fixture';

// The schools the bench registers must pass the live lookup in Skolverket's register, which the
// served Worker asks of the local fixture. So the fixture also answers for the bench's own codes,
// each a copy of a recorded active independent unit in Stockholm under that code.
export const benchCodes = { signedIn: '12345678', cost: '34567890', load: '23456789' } as const;

/** The recorded units and, beside them, one for each of the bench's codes. */
export function withBenchUnits(units: RecordedUnit[] = recordedUnits()): RecordedUnit[] {
  const template = units.find((u) => {
    const a = u.data.attributes as { status: string; municipalityCode: string; email?: string | null };
    const organizer = (u as { included?: { attributes?: { organizerType?: string } } }).included?.attributes
      ?.organizerType;
    return a.status === 'AKTIV' && a.municipalityCode === '0180' && organizer === 'ENSKILD' && a.email;
  });
  if (!template) throw new Error('Skolverkets fixtur saknar en aktiv fristående skolenhet i Stockholm');
  const copies = Object.values(benchCodes).map((code) => {
    const copy = structuredClone(template);
    copy.data.schoolUnitCode = code;
    copy.data.attributes.displayName = `Mätskolan ${code}`;
    copy.data.attributes['email'] = `kansli.${code}@matskolan.example`;
    return copy;
  });
  return [...units, ...copies];
}

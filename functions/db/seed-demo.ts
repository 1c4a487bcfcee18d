import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { agreements, districts, indicatorSnapshots, schools, signatures, type AgreementStatus } from './schema';
import { loadAgreementDocument } from '../domain/agreements/load-agreement';
import { cityName, computeIndicator } from '../domain/indicator';
import { newReference } from '../domain/registration';
import { importSchools } from '../domain/school-import';
import { getCurrentTemplate } from '../domain/templates';
import { addDays, iso, stockholmDay, stockholmDayPlus } from '../domain/time';

// Local development only: a register that looks like a real year, so that /statistik/, the
// district pages and the open data have something to show. Independent schools are fewer and
// take part less, as the 2011 and 2015 audits found.
const independent = [
  ['91000201', 'Exempelskolan Bromma', 'bromma'],
  ['91000202', 'Fria Kunskapsskolan Kista', 'jarva'],
  ['91000203', 'Montessoriskolan Söder', 'sodermalm'],
  ['91000204', 'Internationella skolan Östermalm', 'norra-innerstaden'],
  ['91000205', 'Naturskolan Farsta', 'farsta'],
  ['91000206', 'Musikgymnasiet City', 'norra-innerstaden'],
  ['91000207', 'Framtidsskolan Skärholmen', 'skarholmen'],
  ['91000208', 'Språkskolan Kungsholmen', 'kungsholmen'],
] as const;

const municipalStatuses: (AgreementStatus | null)[] = [
  'confirmed',
  'confirmed',
  'awaiting',
  'confirmed',
  null,
  'confirmed',
  'draft',
  'returned',
];
const independentStatuses: (AgreementStatus | null)[] = [
  'draft',
  null,
  'confirmed',
  null,
  'awaiting',
  null,
  'returned',
  null,
];

export async function seedDemoRegister({
  db,
  municipalCsv,
  now = new Date(),
}: {
  db: Db;
  municipalCsv: string;
  now?: Date;
}) {
  const [already] = await db.select({ id: schools.id }).from(schools).where(eq(schools.kind, 'kommunal')).limit(1);
  if (already) return;
  await importSchools({ db, csv: municipalCsv, actorUserId: null, now });
  const all = await db.select().from(districts);
  for (const [code, name, slug] of independent) {
    const d = all.find((x) => x.slug === slug);
    if (!d) continue;
    const host = name.toLowerCase().replace(/[^a-z]+/g, '');
    await db.insert(schools).values({
      reference: newReference(),
      name,
      schoolUnitCode: code,
      kind: 'fristaende',
      organizerName: `${name} AB`,
      organizerOrgNumber: '556677-8899',
      forms: ['grundskola'],
      streetAddress: 'Exempelgatan 1',
      postcode: '111 11',
      postalTown: 'Stockholm',
      districtId: d.id,
      principalName: 'Rektor (demo)',
      principalEmail: `rektor@${host}.example`,
      contactEmail: `expedition@${host}.example`,
      status: 'active',
      registeredAt: iso(now),
      verifiedAt: iso(now),
      consentAt: iso(now),
    });
  }
  const template = await getCurrentTemplate({ db });
  if (!template) return;
  const register = await db.select().from(schools);
  for (const [i, school] of register.entries()) {
    const list = school.kind === 'kommunal' ? municipalStatuses : independentStatuses;
    const status = list[i % list.length] ?? null;
    if (!status) continue;
    const district = all.find((d) => d.id === school.districtId);
    const signedAt = iso(addDays(now, -20 - i));
    const [row] = await db
      .insert(agreements)
      .values({
        schoolId: school.id,
        districtId: school.districtId,
        districtName: district?.name ?? '',
        templateVersion: template.version,
        status,
        additions: {
          sections: Object.fromEntries(
            template.content.sections
              .filter((s) => s.localAddition)
              .map((s) => [s.id, 'Enligt stadsdelens lokala rutin (demodata).']),
          ),
          meetings: {},
        },
        verificationCode: newReference().replace('SVP-', 'SVK-'),
        createdAt: signedAt,
        updatedAt: signedAt,
        signedAt: status === 'draft' ? null : signedAt,
        confirmedAt: status === 'confirmed' ? signedAt : null,
        validFrom: status === 'confirmed' ? stockholmDay(new Date(signedAt)) : null,
        validTo: status === 'confirmed' ? stockholmDayPlus(now, 345 - i) : null,
      })
      .returning({ id: agreements.id });
    if (!row || status === 'draft') continue;
    // Signatures over the real rendered text, so that verification holds for demo data too.
    const doc = await loadAgreementDocument({ db, agreementId: row.id });
    const sign = (party: 'school' | 'district', who: string, email: string) => ({
      agreementId: row.id,
      party,
      userId: 0,
      email,
      fullName: who,
      statement: 'Demodata',
      signedAt,
      documentSha256: doc.sha256,
      documentText: doc.text,
    });
    await db
      .insert(signatures)
      .values([
        sign('school', 'Rektor (demo)', school.contactEmail),
        ...(status === 'confirmed'
          ? [sign('district', 'Handläggare (demo)', `handlaggare.${district?.slug}@stockholm.example`)]
          : []),
      ]);
  }
  await computeIndicator({ db, now });
  // Earlier years, for the trend on /statistik/ (demo figures for the city as a whole).
  const history = [
    [2023, 8, 1, 20, 9],
    [2024, 8, 2, 22, 11],
    [2025, 8, 3, 24, 13],
  ] as const;
  for (const [year, indep, indepValid, muni, muniValid] of history) {
    await db
      .insert(indicatorSnapshots)
      .values([
        {
          takenOn: `${year}-12-31`,
          year,
          districtId: null,
          districtName: cityName,
          kind: 'fristaende',
          registered: indep,
          withValidAgreement: indepValid,
          awaiting: 0,
          followUpsDone: 0,
        },
        {
          takenOn: `${year}-12-31`,
          year,
          districtId: null,
          districtName: cityName,
          kind: 'kommunal',
          registered: muni,
          withValidAgreement: muniValid,
          awaiting: 0,
          followUpsDone: 0,
        },
      ])
      .onConflictDoNothing();
  }
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { between, isNull } from 'drizzle-orm';
import { agreements, districts, schools, type AgreementStatus } from '../../functions/db/schema';
import { seedDatabase } from '../../functions/db/seed';
import { seedDemoAccounts } from '../../functions/db/seed-accounts';
import { seedTemplate } from '../../functions/db/seed-template';
import { contentTemplatesPath, parseContentTemplates } from '../../functions/domain/content-templates';
import { getCurrentTemplate } from '../../functions/domain/templates';
import { root } from '../lib/env';
import { withLocalDb } from '../lib/local-db';
import { insertMany } from './insert-many';
import { benchState } from './server';

// A register of made-up schools, written straight into the benchmark's D1 with drizzle: spread
// over today's districts, a third municipal, most with an agreement in one of its statuses.

const statusCycle: (AgreementStatus | null)[] = [
  null,
  'draft',
  'awaiting',
  'returned',
  'confirmed',
  'confirmed',
  'expired',
  'replaced',
];
const day = 86_400_000;

/** Districts, demo accounts and the agreement template, as `npm start` seeds them. */
export async function seedBase(): Promise<void> {
  const templates = parseContentTemplates(
    JSON.parse(await readFile(resolve(root, `dist/client${contentTemplatesPath}`), 'utf8')),
  );
  await withLocalDb(async (db) => {
    await seedDatabase({ db });
    await seedDemoAccounts({ db });
    await seedTemplate({ db, templates });
  }, benchState);
}

/** Adds the made-up schools numbered [from, to), then their agreements. */
export async function addSchools(from: number, to: number, now = new Date()): Promise<void> {
  await withLocalDb(async (db) => {
    const current = await db
      .select({ id: districts.id, name: districts.name })
      .from(districts)
      .where(isNull(districts.validTo));
    const template = await getCurrentTemplate({ db });
    if (current.length === 0 || !template) throw new Error('Kör seedBase först');
    const numbers = Array.from({ length: to - from }, (_, k) => from + k);
    const districtOf = (i: number) => current[i % current.length]!;
    await insertMany(
      db,
      schools,
      numbers.map((i) => schoolRow(i, districtOf(i).id, now)),
    );
    const ids = new Map(
      (
        await db
          .select({ id: schools.id, code: schools.schoolUnitCode })
          .from(schools)
          .where(between(schools.schoolUnitCode, code(from), code(to - 1)))
      ).map((s) => [s.code, s.id]),
    );
    const withAgreement = numbers.filter((i) => statusCycle[i % statusCycle.length]);
    await insertMany(
      db,
      agreements,
      withAgreement.map((i) =>
        agreementRow(i, ids.get(code(i))!, districtOf(i), statusCycle[i % statusCycle.length]!, template.version, now),
      ),
    );
  }, benchState);
}

const code = (i: number) => String(90_000_000 + i);
const isoAt = (now: Date, daysAgo: number) => new Date(now.getTime() - daysAgo * day).toISOString();

function schoolRow(i: number, districtId: number, now: Date): typeof schools.$inferInsert {
  const registeredAt = isoAt(now, 30 + (i % 700));
  return {
    reference: `SVP-B${String(i).padStart(7, '0')}`,
    name: `Bänkskolan ${i}`,
    schoolUnitCode: code(i),
    kind: i % 3 === 0 ? 'kommunal' : 'fristaende',
    organizerName: `Huvudman ${i % 400} AB`,
    organizerOrgNumber: '5566778899',
    forms: i % 5 === 0 ? ['forskola', 'grundskola'] : ['grundskola'],
    streetAddress: `Skolgatan ${(i % 120) + 1}`,
    postcode: '116 46',
    postalTown: 'Stockholm',
    districtId,
    principalName: 'Rektor Bänk',
    principalEmail: `rektor.${i}@bankskola.example`,
    contactEmail: `kansli.${i}@bankskola.example`,
    status: i % 20 === 19 ? 'pending' : 'active',
    registeredAt,
    verifiedAt: i % 20 === 19 ? null : registeredAt,
    consentAt: registeredAt,
  };
}

function agreementRow(
  i: number,
  schoolId: number,
  district: { id: number; name: string },
  status: AgreementStatus,
  templateVersion: number,
  now: Date,
): typeof agreements.$inferInsert {
  const signed = status !== 'draft';
  const confirmed = status === 'confirmed' || status === 'expired' || status === 'replaced';
  const confirmedDaysAgo = status === 'expired' ? 400 + (i % 200) : i % 300;
  return {
    schoolId,
    districtId: district.id,
    districtName: district.name,
    templateVersion,
    status,
    additions: { sections: {}, meetings: {} },
    returnComment: status === 'returned' ? 'Komplettera mötesplanen.' : null,
    verificationCode: `BENCH-${i}`,
    createdAt: isoAt(now, confirmedDaysAgo + 10),
    updatedAt: isoAt(now, confirmedDaysAgo),
    signedAt: signed ? isoAt(now, confirmedDaysAgo + 2) : null,
    confirmedAt: confirmed ? isoAt(now, confirmedDaysAgo) : null,
    validFrom: confirmed ? isoAt(now, confirmedDaysAgo).slice(0, 10) : null,
    validTo: confirmed ? isoAt(now, confirmedDaysAgo - 365).slice(0, 10) : null,
  };
}

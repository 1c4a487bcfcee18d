import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { chunk, type Db } from '../db/client';
import {
  agreements,
  districts,
  followUps,
  indicatorSnapshots,
  schoolUnits,
  schools,
  type IndicatorSnapshot,
} from '../db/schema';
import { stockholmMunicipalityCode } from '../register/skolverket';
import { commitWithAudit } from './audit';
import { existsOn, successorOn } from './districts';
import { lastRegisterSync, registerSyncOf, registerSyncQueries } from './sync-school-units';
import { stockholmDay, stockholmYear } from './time';

export const cityName = 'Hela staden';
// Qualified by hand: in a one-table query drizzle writes a bare "id", which the subqueries would capture.
const schoolId = sql`${sql.identifier('schools')}.${sql.identifier('id')}`;
const kinds = ['fristaende', 'kommunal'] as const;

type Counts = {
  registered: number;
  withValidAgreement: number;
  awaiting: number;
  followUpsDone: number;
  registerUnits: number | null;
  registerWithValidAgreement: number | null;
};
/** Register counts start at 0 once the register has been synced, and stay null until then. */
const zero = (synced: boolean): Counts => ({
  registered: 0,
  withValidAgreement: 0,
  awaiting: 0,
  followUpsDone: 0,
  registerUnits: synced ? 0 : null,
  registerWithValidAgreement: synced ? 0 : null,
});
/** Skolverket's organizer types as the portal's school kinds (other huvudmän are neither). */
const kindOfOrganizer = { enskild: 'fristaende', kommunal: 'kommunal' } as const;

/**
 * Computes the indicator for today, per district and for the whole city, and stores it as
 * today's snapshot. One aggregate pass over the register, run daily by the cron, so that
 * /statistik/ and the open data read a handful of rows per request however large the register.
 */
export async function computeIndicator({
  db,
  now,
  actorUserId = null,
}: {
  db: Db;
  now: Date;
  actorUserId?: number | null;
}) {
  const today = stockholmDay(now);
  const year = stockholmYear(now);
  // One rule for "has a valid agreement today", for the registered schools and the register's units alike.
  const hasValidAgreement = sql`exists (select 1 from ${agreements} a where a.school_id = ${schoolId} and a.status = 'confirmed' and a.valid_to >= ${today})`;
  const rows = await db
    .select({
      districtId: schools.districtId,
      kind: schools.kind,
      registered: sql<number>`count(*)`,
      withValidAgreement: sql<number>`sum(${hasValidAgreement})`,
      awaiting: sql<number>`sum(exists (select 1 from ${agreements} a where a.school_id = ${schoolId} and a.status = 'awaiting'))`,
      followUpsDone: sql<number>`sum(exists (select 1 from ${followUps} f where f.school_id = ${schoolId} and f.year = ${year} and f.school_submitted_at is not null and f.district_submitted_at is not null))`,
    })
    .from(schools)
    .where(eq(schools.status, 'active'))
    .groupBy(schools.districtId, schools.kind);
  const synced = (await lastRegisterSync({ db }))?.lastOk != null;
  const validAgreement = sql<number>`coalesce(sum(${hasValidAgreement}), 0)`;
  // Every active unit in Stockholm's register, with the district of the registered school that has its code (if any).
  const registerRows = synced
    ? await db
        .select({
          districtId: schools.districtId,
          organizerType: schoolUnits.organizerType,
          units: sql<number>`count(*)`,
          withValidAgreement: validAgreement,
        })
        .from(schoolUnits)
        .leftJoin(schools, and(eq(schools.schoolUnitCode, schoolUnits.code), eq(schools.status, 'active')))
        .where(
          and(
            eq(schoolUnits.status, 'active'),
            eq(schoolUnits.municipalityCode, stockholmMunicipalityCode),
            inArray(schoolUnits.organizerType, ['enskild', 'kommunal']),
          ),
        )
        .groupBy(schools.districtId, schoolUnits.organizerType)
    : [];
  const all = await db.select().from(districts);
  const byDistrict = new Map<string, Map<string, Counts>>();
  const add = (name: string, kind: string, r: Partial<Counts>) => {
    const perKind = byDistrict.get(name) ?? new Map<string, Counts>();
    const c = perKind.get(kind) ?? zero(synced);
    for (const k of Object.keys(c) as (keyof Counts)[]) if (c[k] !== null) c[k] += Number(r[k] ?? 0);
    perKind.set(kind, c);
    byDistrict.set(name, perKind);
  };
  for (const d of all.filter((x) => existsOn(x, today))) for (const kind of kinds) add(d.name, kind, {});
  for (const kind of kinds) add(cityName, kind, {});
  for (const r of rows) {
    // A school registered under a district that has since merged counts for its successor.
    const d = successorOn(all, r.districtId, today);
    if (!d) continue;
    add(d.name, r.kind, r);
    add(cityName, r.kind, r);
  }
  for (const r of registerRows) {
    const kind = kindOfOrganizer[r.organizerType as keyof typeof kindOfOrganizer];
    const counts = { registerUnits: r.units, registerWithValidAgreement: r.withValidAgreement };
    add(cityName, kind, counts);
    const d = r.districtId === null ? null : successorOn(all, r.districtId, today);
    if (d) add(d.name, kind, counts);
  }
  const idOf = new Map(all.map((d) => [d.name, d.id]));
  const values = [...byDistrict].flatMap(([name, perKind]) =>
    [...perKind].map(([kind, c]) => ({
      takenOn: today,
      year,
      districtId: idOf.get(name) ?? null,
      districtName: name,
      kind: kind as (typeof kinds)[number],
      ...c,
    })),
  );
  await commitWithAudit(db, {
    now,
    // D1 binds at most 100 values per statement: insert a few rows at a time.
    statements: [
      db.delete(indicatorSnapshots).where(eq(indicatorSnapshots.takenOn, today)),
      ...chunk(values, 8).map((part) => db.insert(indicatorSnapshots).values(part)),
    ],
    events: [
      {
        action: 'indicator.computed',
        subjectType: 'system',
        subjectId: today,
        actorUserId,
        data: { rows: values.length },
      },
    ],
  });
}

export type IndicatorRow = Pick<
  IndicatorSnapshot,
  | 'districtName'
  | 'kind'
  | 'registered'
  | 'withValidAgreement'
  | 'awaiting'
  | 'followUpsDone'
  | 'registerUnits'
  | 'registerWithValidAgreement'
>;

/**
 * The newest snapshot (per district and city), the city's trend (the last snapshot of each year)
 * and when Skolverket's register was last synced, which the register counts come from. One round
 * trip.
 */
export async function getIndicator({ db }: { db: Db }) {
  const newest = db.select({ d: sql`max(${indicatorSnapshots.takenOn})` }).from(indicatorSnapshots);
  const lastOfYear = db
    .select({ d: sql`max(${indicatorSnapshots.takenOn})` })
    .from(indicatorSnapshots)
    .groupBy(indicatorSnapshots.year);
  const [rows, trend, latestSync, lastOkSync] = await db.batch([
    db
      .select()
      .from(indicatorSnapshots)
      .where(inArray(indicatorSnapshots.takenOn, newest))
      .orderBy(asc(indicatorSnapshots.districtName)),
    db
      .select()
      .from(indicatorSnapshots)
      .where(and(eq(indicatorSnapshots.districtName, cityName), inArray(indicatorSnapshots.takenOn, lastOfYear)))
      .orderBy(asc(indicatorSnapshots.year)),
    ...registerSyncQueries(db),
  ]);
  const takenOn = rows[0]?.takenOn;
  if (!takenOn) return null;
  return { takenOn, rows, trend, registerSync: registerSyncOf(latestSync, lastOkSync) };
}

export const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

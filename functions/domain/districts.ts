import { and, asc, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, districts, schools, type District } from '../db/schema';
import { shownAgreementId } from './agreement-in-force';
import { displayStatus, type DisplayStatus } from './agreement-status';
import { stockholmDay } from './time';

export type DistrictPage = {
  district: District;
  successor: Pick<District, 'slug' | 'name'> | null;
  predecessors: Pick<District, 'slug' | 'name' | 'validTo'>[];
};

type Dated = Pick<District, 'validFrom' | 'validTo'>;

// The one rule for "which districts exist on a day" and "who took over", for registration,
// invitations, agreements, the school import, the indicator and the pages alike. Days are
// Stockholm days (YYYY-MM-DD), so that comparing the strings compares the days.

/** Not formed yet on the day: its first day lies ahead. */
export const notYetOn = (d: Dated, day: string) => d.validFrom > day;
/** Gone on the day: its last day lies behind. */
export const endedBefore = (d: Dated, day: string) => d.validTo !== null && d.validTo < day;
/** In existence on the day: from its first day through its last, both included. */
export const existsOn = (d: Dated, day: string) => !notYetOn(d, day) && !endedBefore(d, day);

/** `existsOn` as a condition on the districts table. */
const existsOnDay = (day: string) =>
  and(lte(districts.validFrom, day), or(isNull(districts.validTo), gte(districts.validTo, day)));

/** The districts that exist on the Stockholm day of `today`, by name. */
export async function listCurrentDistricts({ db, today = new Date() }: { db: Db; today?: Date }): Promise<District[]> {
  return db
    .select()
    .from(districts)
    .where(existsOnDay(stockholmDay(today)))
    .orderBy(asc(districts.name));
}

/** A district by slug that exists on the Stockholm day of `now`; null if unknown, not formed yet or gone. */
export async function findDistrictOn(db: Db, slug: string, now: Date) {
  const [district] = await db
    .select({ id: districts.id, name: districts.name })
    .from(districts)
    .where(and(eq(districts.slug, slug), existsOnDay(stockholmDay(now))))
    .limit(1);
  return district ?? null;
}

type Linked = Dated & Pick<District, 'id' | 'successorId'>;

/**
 * Who answers for a district on a day: the district itself until its last day, after that the
 * district that took over (following a chain of mergers). A district that ended without a
 * successor stays itself: nobody else took its schools. Null for an unknown id.
 */
export function successorOn<D extends Linked>(all: D[], districtId: number, day: string): D | null {
  const byId = new Map(all.map((d) => [d.id, d]));
  let district = byId.get(districtId);
  // A chain never visits more districts than there are, so a loop made by mistake ends too.
  for (let hops = 0; district && hops < all.length; hops += 1) {
    const next = district.successorId === null ? undefined : byId.get(district.successorId);
    if (!endedBefore(district, day) || !next) return district;
    district = next;
  }
  return district ?? null;
}

/**
 * One district by slug, with what replaced it, what it replaced and its participation; null if
 * unknown. One round trip: every part is found by the slug, none waits for another.
 */
export async function getDistrictPage({
  db,
  slug,
  now,
}: {
  db: Db;
  slug: string;
  now: Date;
}): Promise<(DistrictPage & { participation: Participation }) | null> {
  // Scalar subqueries, so that SQLite looks the district up once and then uses each index.
  const idOf = sql`(select ${districts.id} from ${districts} where ${districts.slug} = ${slug})`;
  const successorOf = sql`(select ${districts.successorId} from ${districts} where ${districts.slug} = ${slug})`;
  const [[district], successor, predecessors, participation] = await db.batch([
    db.select().from(districts).where(eq(districts.slug, slug)).limit(1),
    db.select({ slug: districts.slug, name: districts.name }).from(districts).where(eq(districts.id, successorOf)),
    db
      .select({ slug: districts.slug, name: districts.name, validTo: districts.validTo })
      .from(districts)
      .where(eq(districts.successorId, idOf))
      .orderBy(asc(districts.name)),
    participationRows(db, eq(schools.districtId, idOf)),
  ]);
  if (!district) return null;
  return {
    district,
    successor: successor[0] ?? null,
    predecessors,
    participation: countParticipation(participation, now),
  };
}

/** The schools registered in a district, for its officers: name, kind and status only. */
export async function listDistrictSchools({ db, districtId }: { db: Db; districtId: number }) {
  return db
    .select({
      id: schools.id,
      name: schools.name,
      kind: schools.kind,
      status: schools.status,
      reference: schools.reference,
      contactEmail: schools.contactEmail,
    })
    .from(schools)
    .where(eq(schools.districtId, districtId))
    .orderBy(asc(schools.name));
}

export async function getDistrictById({ db, id }: { db: Db; id: number }) {
  const [district] = await db.select().from(districts).where(eq(districts.id, id)).limit(1);
  return district ?? null;
}

/** The district that takes a new agreement on a day (see successorOn). */
export async function districtInForce({ db, districtId, day }: { db: Db; districtId: number; day: string }) {
  return successorOn(await db.select().from(districts), districtId, day);
}

/** The shown agreement of each active school in the district(s) `inDistrict` picks. */
function participationRows(db: Db, inDistrict: SQL) {
  return (
    db
      .select({
        kind: schools.kind,
        status: agreements.status,
        validTo: agreements.validTo,
        reSignBy: agreements.reSignBy,
      })
      .from(schools)
      .leftJoin(agreements, eq(agreements.id, shownAgreementId(sql`${schools.id}`)))
      // `+status`: SQLite would otherwise walk the status index over every active school in the city
      // (rows read grew with the register); this way it takes the district's own schools by index.
      .where(and(inDistrict, sql`+${schools.status} = 'active'`))
  );
}

export type Participation = ReturnType<typeof countParticipation>;

/**
 * The public picture of a district's participation: how many of its registered schools, by kind,
 * have an agreement in each state today. Counts only; no school, person or address.
 */
function countParticipation(rows: Awaited<ReturnType<typeof participationRows>>, now: Date) {
  const today = stockholmDay(now);
  const counts = new Map<string, Map<DisplayStatus, number>>();
  for (const r of rows) {
    const status = displayStatus(
      r.status ? { status: r.status, validTo: r.validTo, reSignBy: r.reSignBy } : null,
      today,
    );
    const perKind = counts.get(r.kind) ?? new Map<DisplayStatus, number>();
    perKind.set(status, (perKind.get(status) ?? 0) + 1);
    counts.set(r.kind, perKind);
  }
  return {
    total: rows.length,
    byKind: [...counts].map(([kind, perStatus]) => ({
      kind,
      total: [...perStatus.values()].reduce((a, b) => a + b, 0),
      perStatus: Object.fromEntries(perStatus) as Partial<Record<DisplayStatus, number>>,
    })),
  };
}

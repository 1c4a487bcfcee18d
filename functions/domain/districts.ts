import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { districts, schools, type District } from '../db/schema';
import { stockholmDay } from './time';

export type DistrictPage = {
  district: District;
  successor: Pick<District, 'slug' | 'name'> | null;
  predecessors: Pick<District, 'slug' | 'name' | 'validTo'>[];
};


/** The districts that exist on the given day, by name. */
export async function listCurrentDistricts({ db, today = new Date() }: { db: Db; today?: Date }): Promise<District[]> {
  const day = stockholmDay(today);
  return db
    .select()
    .from(districts)
    .where(and(lte(districts.validFrom, day), or(isNull(districts.validTo), gte(districts.validTo, day))))
    .orderBy(asc(districts.name));
}

/** One district by slug, with what replaced it and what it replaced; null if unknown. */
export async function getDistrictPage({ db, slug }: { db: Db; slug: string }): Promise<DistrictPage | null> {
  const [district] = await db.select().from(districts).where(eq(districts.slug, slug)).limit(1);
  if (!district) return null;
  const [successor] = district.successorId
    ? await db.select({ slug: districts.slug, name: districts.name }).from(districts).where(eq(districts.id, district.successorId))
    : [];
  const predecessors = await db
    .select({ slug: districts.slug, name: districts.name, validTo: districts.validTo })
    .from(districts)
    .where(eq(districts.successorId, district.id))
    .orderBy(asc(districts.name));
  return { district, successor: successor ?? null, predecessors };
}

/** The schools registered in a district, for its officers: name, kind and status only. */
export async function listDistrictSchools({ db, districtId }: { db: Db; districtId: number }) {
  return db
    .select({ id: schools.id, name: schools.name, kind: schools.kind, status: schools.status, reference: schools.reference, contactEmail: schools.contactEmail })
    .from(schools)
    .where(eq(schools.districtId, districtId))
    .orderBy(asc(schools.name));
}

export async function getDistrictById({ db, id }: { db: Db; id: number }) {
  const [district] = await db.select().from(districts).where(eq(districts.id, id)).limit(1);
  return district ?? null;
}

/**
 * The district that takes a new agreement on a day: the district itself while it exists, else
 * the one that replaced it (following a chain of mergers).
 */
export async function districtInForce({ db, districtId, day }: { db: Db; districtId: number; day: string }) {
  for (let id: number | null = districtId, hops = 0; id !== null && hops < 10; hops += 1) {
    const [d] = await db.select().from(districts).where(eq(districts.id, id)).limit(1);
    if (!d) break;
    if (!d.validTo || d.validTo >= day || !d.successorId) return d;
    id = d.successorId;
  }
  return null;
}

import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, districts, memberships, schools, sessions, type AgreementStatus } from '../db/schema';
import { violates } from '../db/constraints';
import { AppError } from '../errors';
import { commitWithAudit } from './audit';
import { commitExpecting, rowExists } from './transition';
import { findDistrictOn } from './districts';

/**
 * The coordinator edits a district: its name, its last day and the district that replaced it.
 * A merger sends new agreements to the successor; signed ones keep the district they name.
 */
export async function updateDistrict({
  db,
  actorUserId,
  slug,
  input,
  now,
}: {
  db: Db;
  actorUserId: number;
  slug: string;
  input: { name: string; validTo: string | null; successor: string | null };
  now: Date;
}) {
  const [district] = await db.select().from(districts).where(eq(districts.slug, slug)).limit(1);
  if (!district) throw new AppError('NOT_FOUND');
  const successor = input.successor
    ? (await db.select().from(districts).where(eq(districts.slug, input.successor)).limit(1))[0]
    : null;
  if (input.successor && (!successor || successor.id === district.id)) throw new AppError('VALIDATION');
  if (input.validTo && input.validTo < district.validFrom) throw new AppError('DISTRICT_DATES');
  await commitWithAudit(db, {
    now,
    statements: [
      db
        .update(districts)
        .set({ name: input.name, validTo: input.validTo, successorId: successor?.id ?? null })
        .where(eq(districts.id, district.id)),
    ],
    events: [
      {
        action: 'district.updated',
        subjectType: 'district',
        subjectId: slug,
        actorUserId,
        data: { from: { name: district.name, validTo: district.validTo }, to: input },
      },
    ],
  });
}

/**
 * The coordinator adds a district, e.g. the one a merger forms, from its first day (which may lie
 * ahead: until then nothing new is offered it). The slug is unique by the schema.
 */
export async function addDistrict({
  db,
  actorUserId,
  input,
  now,
}: {
  db: Db;
  actorUserId: number;
  input: { name: string; slug: string; validFrom: string };
  now: Date;
}) {
  try {
    await commitWithAudit(db, {
      now,
      statements: [db.insert(districts).values(input)],
      events: [{ action: 'district.added', subjectType: 'district', subjectId: input.slug, actorUserId, data: input }],
    });
  } catch (error) {
    if (violates(error, 'unique', 'districts.slug')) throw new AppError('DISTRICT_SLUG_TAKEN', { cause: error });
    throw error;
  }
}

const officerRole = (userId: number) => and(eq(memberships.userId, userId), eq(memberships.role, 'officer'));

/** Moves an officer to another district; someone who is not an officer is a 404 with nothing written. */
export async function moveOfficer({
  db,
  actorUserId,
  userId,
  district,
  now,
}: {
  db: Db;
  actorUserId: number;
  userId: number;
  district: string;
  now: Date;
}) {
  const target = await findDistrictOn(db, district, now);
  if (!target) throw new AppError('VALIDATION');
  await commitExpecting(db, {
    now,
    expect: rowExists(db, memberships, officerRole(userId)),
    refused: 'NOT_FOUND',
    statements: [db.update(memberships).set({ districtId: target.id }).where(officerRole(userId))],
    events: [
      { action: 'officer.moved', subjectType: 'user', subjectId: userId, actorUserId, data: { district: target.name } },
    ],
  });
}

/**
 * Removes an officer's access at once: the role and every open session. Only an officer: for
 * anyone else it is a 404 that signs nobody out and writes no event.
 */
export async function removeOfficer({
  db,
  actorUserId,
  userId,
  now,
}: {
  db: Db;
  actorUserId: number;
  userId: number;
  now: Date;
}) {
  await commitExpecting(db, {
    now,
    expect: rowExists(db, memberships, officerRole(userId)),
    refused: 'NOT_FOUND',
    statements: [
      db.delete(memberships).where(officerRole(userId)),
      db.delete(sessions).where(eq(sessions.userId, userId)),
    ],
    events: [{ action: 'officer.removed', subjectType: 'user', subjectId: userId, actorUserId }],
  });
}

export const pageSize = 50;

/** All agreements, newest first, filtered by district, status and kind; one page at a time. */
export async function listAllAgreements({
  db,
  filters,
  page,
}: {
  db: Db;
  filters: {
    district?: number | undefined;
    status?: AgreementStatus | undefined;
    kind?: 'fristaende' | 'kommunal' | undefined;
  };
  page: number;
}) {
  const conditions: SQL[] = [];
  if (filters.district) conditions.push(eq(agreements.districtId, filters.district));
  if (filters.status) conditions.push(eq(agreements.status, filters.status));
  if (filters.kind) conditions.push(eq(schools.kind, filters.kind));
  const where = conditions.length ? and(...conditions) : undefined;
  const [total] = await db
    .select({ n: count() })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .where(where);
  const rows = await db
    .select({
      id: agreements.id,
      schoolName: schools.name,
      kind: schools.kind,
      districtName: agreements.districtName,
      status: agreements.status,
      validTo: agreements.validTo,
      reSignBy: agreements.reSignBy,
      templateVersion: agreements.templateVersion,
    })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .where(where)
    .orderBy(desc(agreements.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

export async function listAllDistricts({ db }: { db: Db }) {
  return db.select().from(districts).orderBy(asc(districts.name));
}

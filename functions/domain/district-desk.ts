import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, districts, schools } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { isOfficerOf } from './access';
import { revisionStatus, shownAgreementId } from './agreement-in-force';
import { displayStatus } from './agreement-status';
import { commitWithAudit } from './audit';
import { queueMail } from './mail';
import type { SessionUser } from './sign-in';
import { iso, stockholmDay } from './time';

export const deskPageSize = 50;

/**
 * Agreements waiting for this district's confirmation, oldest first, with their age in days; one
 * page at a time (one more row is read to know whether there is a next page).
 */
export async function listInbox({
  db,
  user,
  districtId,
  now,
  page = 1,
}: {
  db: Db;
  user: SessionUser;
  districtId: number;
  now: Date;
  page?: number;
}) {
  if (!isOfficerOf(user, districtId)) throw new AppError('FORBIDDEN');
  const rows = await db
    .select({
      id: agreements.id,
      schoolName: schools.name,
      kind: schools.kind,
      signedAt: agreements.signedAt,
      templateVersion: agreements.templateVersion,
      revisionOf: agreements.revisionOf,
    })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .where(and(eq(agreements.districtId, districtId), eq(agreements.status, 'awaiting')))
    .orderBy(asc(agreements.signedAt))
    .limit(deskPageSize + 1)
    .offset((page - 1) * deskPageSize);
  const items = rows
    .slice(0, deskPageSize)
    .map((r) => ({ ...r, ageDays: Math.floor((now.getTime() - Date.parse(r.signedAt ?? iso(now))) / 86_400_000) }));
  return { items, more: rows.length > deskPageSize };
}

/**
 * The district's schools, by name, with the state of the agreement each has in force (or its
 * newest) and of a revision waiting beside it; one page at a time.
 */
export async function listDistrictOverview({
  db,
  districtId,
  now,
  page = 1,
}: {
  db: Db;
  districtId: number;
  now: Date;
  page?: number;
}) {
  const rows = await db
    .select({
      id: schools.id,
      name: schools.name,
      kind: schools.kind,
      schoolStatus: schools.status,
      contactEmail: schools.contactEmail,
      agreementId: agreements.id,
      status: agreements.status,
      validTo: agreements.validTo,
      reSignBy: agreements.reSignBy,
      revision: revisionStatus(sql`${schools.id}`),
    })
    .from(schools)
    .leftJoin(agreements, eq(agreements.id, shownAgreementId(sql`${schools.id}`)))
    .where(eq(schools.districtId, districtId))
    .orderBy(asc(schools.name))
    .limit(deskPageSize + 1)
    .offset((page - 1) * deskPageSize);
  const today = stockholmDay(now);
  const items = rows.slice(0, deskPageSize).map((r) => ({
    ...r,
    display: displayStatus(r.status ? { status: r.status, validTo: r.validTo, reSignBy: r.reSignBy } : null, today),
  }));
  return { items, more: rows.length > deskPageSize };
}

/**
 * The district keeps its contact function. When it changes, every school with a current agreement
 * (or one in the making) in the district is told, in the same batch as the change.
 */
export async function updateDistrictContact({
  db,
  user,
  districtId,
  input,
  origin,
  now,
}: {
  db: Db;
  user: SessionUser;
  districtId: number;
  input: { contactFunction: string; contactEmail: string; contactPhone: string; contactHours: string };
  origin: string;
  now: Date;
}) {
  if (!isOfficerOf(user, districtId)) throw new AppError('FORBIDDEN');
  const [district] = await db.select().from(districts).where(eq(districts.id, districtId)).limit(1);
  if (!district) throw new AppError('NOT_FOUND');
  const recipients = await db
    .selectDistinct({ contactEmail: schools.contactEmail })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .where(
      and(
        eq(agreements.districtId, districtId),
        inArray(agreements.status, ['draft', 'awaiting', 'returned', 'confirmed']),
      ),
    );
  const link = `${origin}/stadsdelar/${district.slug}/`;
  const contact = `${input.contactFunction}\nE-post: ${input.contactEmail}\nTelefon: ${input.contactPhone}\nÖppettider: ${input.contactHours}`;
  await commitWithAudit(db, {
    now,
    statements: [
      db
        .update(districts)
        .set({ ...input, contactChangedAt: iso(now) })
        .where(eq(districts.id, districtId)),
      ...recipients.map((r) =>
        queueMail(
          db,
          {
            to: r.contactEmail,
            subject: messages.mail.districtContactSubject(district.name),
            body: messages.mail.districtContactBody(district.name, contact, link),
            links: [link],
          },
          now,
        ),
      ),
    ],
    events: [
      {
        action: 'district.contact_changed',
        subjectType: 'district',
        subjectId: district.slug,
        actorUserId: user.userId,
        data: { ...input, schoolsNotified: recipients.length },
      },
    ],
  });
  return { notified: recipients.length };
}

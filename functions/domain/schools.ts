import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  agreements,
  auditEvents,
  districts,
  memberships,
  principalHandovers,
  schools,
  users,
  type Agreement,
  type School,
} from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import type { SessionUser } from './sign-in';
import { queueMail } from './mail';
import { isPrincipal, isSchoolMember, memberSchoolIds } from './access';
import { commitExpecting, rowExists } from './transition';
import { iso } from './time';
import { addressHoldsRole } from './address-roles';
import { districtRoles } from './access';

export type SchoolView = School & {
  districtName: string;
  receipt: Record<string, unknown> | null;
  /** A change of principal that waits for the new principal to sign in. */
  handover: { newName: string; newEmail: string; expiresAt: string } | null;
  agreement: { shown: AgreementSummary | null; open: AgreementSummary | null };
};

type AgreementSummary = Pick<Agreement, 'id' | 'status' | 'validTo' | 'reSignBy'>;

/**
 * The schools a signed-in user acts for, each with its district and its registration receipt. One
 * round trip: every part is found by the user's school ids, which the session already holds.
 */
export async function listSchoolsForUser({ db, user }: { db: Db; user: SessionUser }): Promise<SchoolView[]> {
  const ids = memberSchoolIds(user);
  if (ids.length === 0) return [];
  const [rows, receipts, handovers, mine] = await db.batch([
    // Aliased: a batch maps its rows by column name, and schools has a `name` too.
    db
      .select({ school: schools, districtName: sql<string>`${districts.name}`.as('district_name') })
      .from(schools)
      .innerJoin(districts, eq(districts.id, schools.districtId))
      .where(inArray(schools.id, ids))
      .orderBy(schools.name),
    // The receipt is what was registered, as the audit trail recorded it at the time.
    db
      .select({ reference: auditEvents.subjectId, data: auditEvents.data })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'school.registered'),
          inArray(
            auditEvents.subjectId,
            db.select({ reference: schools.reference }).from(schools).where(inArray(schools.id, ids)),
          ),
        ),
      )
      .orderBy(desc(auditEvents.id)),
    db
      .select({
        schoolId: principalHandovers.schoolId,
        newName: principalHandovers.newName,
        newEmail: principalHandovers.newEmail,
        expiresAt: principalHandovers.expiresAt,
      })
      .from(principalHandovers)
      .where(and(inArray(principalHandovers.schoolId, ids), eq(principalHandovers.status, 'pending'))),
    // The agreements in force (or the newest) and in the making: the school's next step. A school
    // has a few over the years, so all of them are read.
    db
      .select({
        schoolId: agreements.schoolId,
        id: agreements.id,
        status: agreements.status,
        validTo: agreements.validTo,
        reSignBy: agreements.reSignBy,
      })
      .from(agreements)
      .where(inArray(agreements.schoolId, ids))
      .orderBy(desc(agreements.id)),
  ]);
  return rows.map(({ school, districtName }) => {
    const own = mine
      .filter((a) => a.schoolId === school.id)
      .slice(0, 5)
      .map(({ id, status, validTo, reSignBy }) => ({ id, status, validTo, reSignBy }));
    const agreement = {
      shown: own.find((a) => a.status === 'confirmed') ?? own[0] ?? null,
      open: own.find((a) => a.status === 'draft' || a.status === 'awaiting' || a.status === 'returned') ?? null,
    };
    const handover = handovers.find((h) => h.schoolId === school.id);
    const receipt = receipts.find((r) => r.reference === school.reference)?.data ?? null;
    return {
      ...school,
      districtName,
      receipt,
      handover: handover
        ? { newName: handover.newName, newEmail: handover.newEmail, expiresAt: handover.expiresAt }
        : null,
      agreement,
    };
  });
}

/**
 * Changes the school's function address. Only the principal may: the new address gets the
 * school's contact role (the old one loses it) and both addresses are told, in the same batch.
 * The principal is changed by a hand-over (principal-handover.ts), never here.
 */
export async function changeContactAddress({
  db,
  user,
  schoolId,
  contactEmail,
  now,
}: {
  db: Db;
  user: SessionUser;
  schoolId: number;
  contactEmail: string;
  now: Date;
}) {
  if (!isSchoolMember(user, schoolId)) throw new AppError('FORBIDDEN');
  if (!isPrincipal(user, schoolId)) throw new AppError('PRINCIPAL_ONLY');
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId)).limit(1);
  if (!school) throw new AppError('NOT_FOUND');
  if (contactEmail === school.contactEmail) return;
  if (await addressHoldsRole(db, contactEmail, districtRoles)) throw new AppError('CITY_ROLE_CONFLICT');
  const userId = sql`(select ${users.id} from ${users} where ${users.email} = ${contactEmail})`;
  await commitExpecting(db, {
    now,
    expect: rowExists(db, schools, and(eq(schools.id, schoolId), eq(schools.contactEmail, school.contactEmail))),
    refused: 'CHANGED_MEANWHILE',
    statements: [
      db.update(schools).set({ contactEmail }).where(eq(schools.id, schoolId)),
      db
        .insert(users)
        .values({ email: contactEmail, name: null, createdAt: iso(now) })
        .onConflictDoNothing(),
      db.delete(memberships).where(and(eq(memberships.schoolId, schoolId), eq(memberships.role, 'contact'))),
      ...(contactEmail === school.principalEmail
        ? []
        : [
            db
              .insert(memberships)
              .values({ userId, role: 'contact', schoolId, createdAt: iso(now) })
              .onConflictDoNothing(),
          ]),
      ...[...new Set([contactEmail, school.contactEmail])].map((to) =>
        queueMail(
          db,
          {
            to,
            subject: messages.mail.contactChangedSubject(school.name),
            body: messages.mail.contactChangedBody(school.name, contactEmail),
            links: [],
          },
          now,
        ),
      ),
    ],
    events: [
      {
        action: 'school.contact_changed',
        subjectType: 'school',
        subjectId: school.reference,
        actorUserId: user.userId,
        data: { from: school.contactEmail, to: contactEmail },
      },
    ],
  });
}

/** A school by its skolenhetskod, or null. */
export async function findSchoolByCode(db: Db, schoolUnitCode: string) {
  const [school] = await db
    .select({ id: schools.id })
    .from(schools)
    .where(eq(schools.schoolUnitCode, schoolUnitCode))
    .limit(1);
  return school ?? null;
}

import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents, districts, memberships, schools, users, type School } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import type { SessionUser } from './sign-in';
import { commitWithAudit } from './audit';
import { queueMail } from './mail';
import { newSignInLink } from './sign-in';
import { iso } from './time';

export type SchoolView = School & { districtName: string; receipt: Record<string, unknown> | null };

const schoolIdsOf = (user: SessionUser) =>
  user.memberships.filter((m) => (m.role === 'principal' || m.role === 'contact') && m.schoolId !== null).map((m) => m.schoolId as number);

/** The schools a signed-in user acts for, each with its district and its registration receipt. */
export async function listSchoolsForUser({ db, user }: { db: Db; user: SessionUser }): Promise<SchoolView[]> {
  const ids = schoolIdsOf(user);
  if (ids.length === 0) return [];
  const rows = await db
    .select({ school: schools, districtName: districts.name })
    .from(schools)
    .innerJoin(districts, eq(districts.id, schools.districtId))
    .where(inArray(schools.id, ids))
    .orderBy(schools.name);
  return Promise.all(
    rows.map(async ({ school, districtName }) => {
      // The receipt is what was registered, as the audit trail recorded it at the time.
      const [event] = await db
        .select({ data: auditEvents.data })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'school.registered'), eq(auditEvents.subjectId, school.reference)))
        .orderBy(desc(auditEvents.id))
        .limit(1);
      return { ...school, districtName, receipt: event?.data ?? null };
    }),
  );
}

/**
 * Changes the school's contact address and principal. A new principal address gets a sign-in
 * link to verify it, and the school shows the address as unverified until it is used.
 */
export async function updateSchoolContacts({
  db,
  user,
  schoolId,
  input,
  origin,
  now,
}: {
  db: Db;
  user: SessionUser;
  schoolId: number;
  input: { contactEmail: string; principalName: string; principalEmail: string };
  origin: string;
  now: Date;
}) {
  if (!schoolIdsOf(user).includes(schoolId)) throw new AppError('FORBIDDEN');
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId)).limit(1);
  if (!school) throw new AppError('NOT_FOUND');
  const userId = (email: string) => sql`(select ${users.id} from ${users} where ${users.email} = ${email})`;
  const principalChanged = input.principalEmail !== school.principalEmail;
  const contactChanged = input.contactEmail !== school.contactEmail;
  const replaceRole = (role: 'principal' | 'contact', email: string) => [
    db.insert(users).values({ email, name: role === 'principal' ? input.principalName : null, createdAt: iso(now) }).onConflictDoNothing(),
    db.delete(memberships).where(and(eq(memberships.schoolId, schoolId), eq(memberships.role, role))),
    db.insert(memberships).values({ userId: userId(email), role, schoolId, createdAt: iso(now) }),
  ];
  const link = principalChanged ? await newSignInLink(db, { userId: userId(input.principalEmail), origin, now }) : null;
  await commitWithAudit(db, {
    now,
    statements: [
      db
        .update(schools)
        .set({ ...input, ...(principalChanged ? { verifiedAt: null } : {}) })
        .where(eq(schools.id, schoolId)),
      ...(principalChanged ? replaceRole('principal', input.principalEmail) : []),
      ...(contactChanged ? replaceRole('contact', input.contactEmail) : []),
      ...(link
        ? [
            link.insert,
            queueMail(db, { to: input.principalEmail, subject: messages.mail.verifySubject(school.name), body: messages.mail.verifyBody(school.name, school.reference, link.link), links: [link.link] }, now),
          ]
        : []),
      ...(contactChanged
        ? [queueMail(db, { to: input.contactEmail, subject: messages.mail.contactChangedSubject(school.name), body: messages.mail.contactChangedBody(school.name), links: [] }, now)]
        : []),
    ],
    events: [{ action: 'school.contacts_changed', subjectType: 'school', subjectId: school.reference, actorUserId: user.userId, data: { from: { contactEmail: school.contactEmail, principalName: school.principalName, principalEmail: school.principalEmail }, to: input } }],
  });
  return { principalChanged };
}

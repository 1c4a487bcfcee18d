import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, principalHandovers, schools, users } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { districtRoles, isCoordinator, isPrincipal } from './access';
import { commitWithAudit } from './audit';
import { queueMail } from './mail';
import type { SessionUser } from './sign-in';
import { newSignInLink } from './sign-in';
import { iso } from './time';
import { rowExists } from './transition';
import { addressHoldsRole } from './address-roles';

/** How long the new principal has to accept: a week, so that a holiday does not end it. */
export const handoverMinutes = 7 * 24 * 60;

const userIdOf = (email: string) => sql`(select ${users.id} from ${users} where ${users.email} = ${email})`;

/** "Nobody on the city's side has this user id": the two sides of an agreement are never one person. */
export const noCityRole = (db: Db, userId: number | ReturnType<typeof sql>) =>
  sql`not ${rowExists(db, memberships, and(sql`${memberships.userId} = ${userId}`, inArray(memberships.role, districtRoles)))}`;

/**
 * Starts a change of principal. Only the school's principal or the city coordinator may; the
 * school's other accounts (its function mailbox) may not. Nothing changes yet: the new principal
 * gets a sign-in link, and the change takes effect when they use it. The current principal gets
 * a letter in the same batch, and the audit trail records who started it.
 */
export async function startPrincipalHandover({
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
  input: { principalName: string; principalEmail: string };
  origin: string;
  now: Date;
}) {
  const byCoordinator = isCoordinator(user);
  if (!isPrincipal(user, schoolId) && !byCoordinator)
    throw new AppError(user.memberships.some((m) => m.schoolId === schoolId) ? 'PRINCIPAL_ONLY' : 'FORBIDDEN');
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId)).limit(1);
  if (!school) throw new AppError('NOT_FOUND');
  if (input.principalEmail === school.principalEmail) throw new AppError('HANDOVER_SAME_PRINCIPAL');
  if (await addressHoldsRole(db, input.principalEmail, districtRoles)) throw new AppError('CITY_ROLE_CONFLICT');
  const handoverId = sql`(select ${principalHandovers.id} from ${principalHandovers} where ${principalHandovers.schoolId} = ${schoolId} and ${principalHandovers.status} = 'pending')`;
  const { insert, link } = await newSignInLink(db, {
    userId: userIdOf(input.principalEmail),
    origin,
    now,
    handoverId,
    validMinutes: handoverMinutes,
  });
  const expiresAt = iso(new Date(now.getTime() + handoverMinutes * 60_000));
  await commitWithAudit(db, {
    now,
    statements: [
      db
        .insert(users)
        .values({ email: input.principalEmail, name: input.principalName, createdAt: iso(now) })
        .onConflictDoNothing(),
      // A newer hand-over replaces one that was never accepted.
      db
        .update(principalHandovers)
        .set({ status: 'cancelled', closedAt: iso(now) })
        .where(and(eq(principalHandovers.schoolId, schoolId), eq(principalHandovers.status, 'pending'))),
      db.insert(principalHandovers).values({
        schoolId,
        startedBy: user.userId,
        newName: input.principalName,
        newEmail: input.principalEmail,
        status: 'pending',
        createdAt: iso(now),
        expiresAt,
      }),
      insert,
      queueMail(
        db,
        {
          to: input.principalEmail,
          subject: messages.mail.handoverSubject(school.name),
          body: messages.mail.handoverBody(school.name, school.reference, link),
          links: [link],
        },
        now,
      ),
      queueMail(
        db,
        {
          to: school.principalEmail,
          subject: messages.mail.handoverStartedSubject(school.name),
          body: messages.mail.handoverStartedBody(
            school.name,
            input.principalName,
            input.principalEmail,
            byCoordinator,
          ),
          links: [],
        },
        now,
      ),
    ],
    events: [
      {
        action: 'school.principal_handover_started',
        subjectType: 'school',
        subjectId: school.reference,
        actorUserId: user.userId,
        data: {
          from: school.principalEmail,
          to: input.principalEmail,
          startedBy: byCoordinator ? 'coordinator' : 'principal',
        },
      },
    ],
  });
}

/** The pending hand-over a sign-in token completes, if any, while it is still valid. */
export async function pendingHandover(db: Db, handoverId: number, now: Date) {
  const [row] = await db
    .select({ handover: principalHandovers, school: schools })
    .from(principalHandovers)
    .innerJoin(schools, eq(schools.id, principalHandovers.schoolId))
    .where(
      and(
        eq(principalHandovers.id, handoverId),
        eq(principalHandovers.status, 'pending'),
        gt(principalHandovers.expiresAt, iso(now)),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * What accepting a hand-over writes, for the batch that spends the new principal's sign-in link:
 * the school's principal, the role moved from the old principal to the new, the hand-over closed,
 * and a letter to the old principal. The batch expects `acceptable` to hold.
 */
export function acceptHandover(
  db: Db,
  {
    handover,
    school,
    userId,
    now,
  }: {
    handover: typeof principalHandovers.$inferSelect;
    school: typeof schools.$inferSelect;
    userId: number;
    now: Date;
  },
) {
  return {
    acceptable: and(
      rowExists(
        db,
        principalHandovers,
        and(
          eq(principalHandovers.id, handover.id),
          eq(principalHandovers.status, 'pending'),
          gt(principalHandovers.expiresAt, iso(now)),
        ),
      ),
      noCityRole(db, userId),
    ),
    statements: [
      db
        .update(schools)
        .set({ principalName: handover.newName, principalEmail: handover.newEmail })
        .where(eq(schools.id, school.id)),
      db.delete(memberships).where(and(eq(memberships.schoolId, school.id), eq(memberships.role, 'principal'))),
      db.insert(memberships).values({ userId, role: 'principal', schoolId: school.id, createdAt: iso(now) }),
      db
        .update(principalHandovers)
        .set({ status: 'accepted', closedAt: iso(now) })
        .where(eq(principalHandovers.id, handover.id)),
      queueMail(
        db,
        {
          to: school.principalEmail,
          subject: messages.mail.handoverDoneSubject(school.name),
          body: messages.mail.handoverDoneBody(school.name, handover.newName, handover.newEmail),
          links: [],
        },
        now,
      ),
    ],
    event: {
      action: 'school.principal_changed',
      subjectType: 'school',
      subjectId: school.reference,
      actorUserId: userId,
      data: { from: school.principalEmail, to: handover.newEmail, startedBy: handover.startedBy },
    },
  };
}

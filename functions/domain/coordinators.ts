import { and, eq, not, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, users } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { queueMail } from './mail';
import { handoverMinutes } from './principal-handover';
import { newSignInLink } from './sign-in';
import { commitExpecting, rowExists } from './transition';
import { iso } from './time';
import { addressHoldsRole } from './address-roles';
import { schoolRoles } from './access';

/** Whether an address already is the city's coordinator. */
export async function isCoordinatorEmail(db: Db, email: string) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.role, 'coordinator')))
    .limit(1);
  return Boolean(row);
}

/**
 * The first coordinator of a new environment, invited by whoever sets it up (`npm run
 * deploy:prepare`), so no one is ever inserted by hand. The letter goes out through the outbox when
 * the portal runs, possibly long after it is written, so its link lives as long as a hand-over's.
 * Someone who already is coordinator is refused with ALREADY_COORDINATOR: no second letter or event.
 */
export async function inviteCoordinator({
  db,
  input,
  origin,
  now,
}: {
  db: Db;
  input: { email: string; name: string | null };
  origin: string;
  now: Date;
}) {
  // The two sides of an agreement are never the same person.
  if (await addressHoldsRole(db, input.email, schoolRoles)) throw new AppError('SCHOOL_ROLE_CONFLICT');
  const userId = sql`(select ${users.id} from ${users} where ${users.email} = ${input.email})`;
  const { insert, link } = await newSignInLink(db, { userId, origin, now, validMinutes: handoverMinutes });
  await commitExpecting(db, {
    now,
    expect: not(rowExists(db, memberships, and(eq(memberships.userId, userId), eq(memberships.role, 'coordinator')))),
    refused: 'ALREADY_COORDINATOR',
    statements: [
      db
        .insert(users)
        .values({ email: input.email, name: input.name, createdAt: iso(now) })
        .onConflictDoNothing(),
      db.insert(memberships).values({ userId, role: 'coordinator', createdAt: iso(now) }),
      insert,
      queueMail(
        db,
        {
          to: input.email,
          subject: messages.mail.inviteSubject,
          body: messages.mail.coordinatorInviteBody(link),
          links: [link],
        },
        now,
      ),
    ],
    events: [{ action: 'coordinator.invited', subjectType: 'user', subjectId: input.email, actorUserId: null }],
  });
}

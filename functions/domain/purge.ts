import { and, gt, isNull, lt, notExists, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents, memberships, outbox, rateLimits, sessions, signInTokens, users } from '../db/schema';
import { commitWithAudit } from './audit';
import { purgeUnverifiedQuery } from './registration';
import { auditDataCutoff, mailDays, unverifiedRegistrationDays } from './retention';
import { addDays, iso } from './time';

/**
 * What the privacy notice promises, done on a schedule (the periods are in retention.ts):
 * unverified registrations, sign-in tokens and sessions once expired, addresses left with no role
 * and never verified, old mail, and the data of old audit events. The events themselves stay:
 * their data is emptied and marked redacted, which the chain allows (it covers a keyed hash of
 * the data). One batch, logged in the audit trail with what was removed.
 */
export async function purgeExpired({ db, now }: { db: Db; now: Date }) {
  const mailBefore = iso(addDays(now, -mailDays));
  const auditDataBefore = iso(auditDataCutoff(now));
  const results = await commitWithAudit(db, {
    now,
    statements: [
      purgeUnverifiedQuery(db, now),
      // An address with no role and never verified, unless a live link waits for it (a new
      // principal has no role until they accept the hand-over with their link).
      db
        .delete(users)
        .where(
          and(
            isNull(users.verifiedAt),
            notExists(
              db
                .select({ one: sql`1` })
                .from(memberships)
                .where(eq(memberships.userId, users.id)),
            ),
            notExists(
              db
                .select({ one: sql`1` })
                .from(signInTokens)
                .where(and(eq(signInTokens.userId, users.id), gt(signInTokens.expiresAt, iso(now)))),
            ),
          ),
        )
        .returning({ id: users.id }),
      db
        .delete(signInTokens)
        .where(lt(signInTokens.expiresAt, iso(now)))
        .returning({ id: signInTokens.id }),
      db
        .delete(sessions)
        .where(lt(sessions.expiresAt, iso(now)))
        .returning({ id: sessions.id }),
      db.delete(outbox).where(lt(outbox.createdAt, mailBefore)).returning({ id: outbox.id }),
      db
        .update(auditEvents)
        .set({ data: {}, redactedAt: iso(now) })
        .where(and(isNull(auditEvents.redactedAt), lt(auditEvents.at, auditDataBefore)))
        .returning({ id: auditEvents.id }),
      db
        .delete(rateLimits)
        .where(lt(rateLimits.windowStart, iso(addDays(now, -1))))
        .returning({ key: rateLimits.key }),
    ],
    events: [
      {
        action: 'purge.ran',
        subjectType: 'system',
        subjectId: 'purge',
        data: {
          unverifiedBefore: iso(addDays(now, -unverifiedRegistrationDays)),
          expiredBefore: iso(now),
          mailBefore,
          auditDataBefore,
        },
      },
    ],
  });
  const [schoolsRemoved, usersRemoved, tokensRemoved, sessionsRemoved, mailRemoved, eventsRedacted] =
    results as unknown as { length: number }[][];
  return {
    registrations: schoolsRemoved?.length ?? 0,
    users: usersRemoved?.length ?? 0,
    tokens: tokensRemoved?.length ?? 0,
    sessions: sessionsRemoved?.length ?? 0,
    mail: mailRemoved?.length ?? 0,
    auditEventsRedacted: eventsRedacted?.length ?? 0,
  };
}

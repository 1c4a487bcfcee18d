import { and, isNull, lt, notExists, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, rateLimits, sessions, signInTokens, users } from '../db/schema';
import { commitWithAudit } from './audit';
import { purgeUnverifiedQuery } from './registration';
import { addDays, iso } from './time';

/**
 * What the privacy notice promises, done on a schedule: unverified registrations after 30 days,
 * sign-in tokens and sessions once expired, and addresses left with no role and never verified.
 * One batch, logged in the audit trail with what was removed.
 */
export async function purgeExpired({ db, now }: { db: Db; now: Date }) {
  const results = await commitWithAudit(db, {
    now,
    statements: [
      purgeUnverifiedQuery(db, now),
      db.delete(users).where(and(isNull(users.verifiedAt), notExists(db.select({ one: sql`1` }).from(memberships).where(eq(memberships.userId, users.id))))).returning({ id: users.id }),
      db.delete(signInTokens).where(lt(signInTokens.expiresAt, iso(now))).returning({ id: signInTokens.id }),
      db.delete(sessions).where(lt(sessions.expiresAt, iso(now))).returning({ id: sessions.id }),
      db.delete(rateLimits).where(lt(rateLimits.windowStart, iso(addDays(now, -1)))).returning({ key: rateLimits.key }),
    ],
    events: [{ action: 'purge.ran', subjectType: 'system', subjectId: 'purge', data: { unverifiedBefore: iso(addDays(now, -30)), expiredBefore: iso(now) } }],
  });
  const [schoolsRemoved, usersRemoved, tokensRemoved, sessionsRemoved] = results as unknown as { length: number }[][];
  return {
    registrations: schoolsRemoved?.length ?? 0,
    users: usersRemoved?.length ?? 0,
    tokens: tokensRemoved?.length ?? 0,
    sessions: sessionsRemoved?.length ?? 0,
  };
}

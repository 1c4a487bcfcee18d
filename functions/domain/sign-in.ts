import { and, eq, getTableColumns, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, schools, sessions, signInTokens, users, type Membership } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { acceptHandover, pendingHandover } from './principal-handover';
import { commitExpecting, rowExists } from './transition';
import { randomToken, sha256Hex } from './crypto';
import { queueMail, signInTokenFor, signInTokenMarker } from './mail';
import { addMinutes, iso } from './time';
import { addressHoldsRole } from './address-roles';
import { districtRoles } from './access';

export const tokenMinutes = 15;
export const sessionHours = 12;
/** The roles that sign in with the city's account, where one is configured, instead of an e-mail link. */
export const staffRoles = ['officer', 'coordinator'] as const;

/**
 * A sign-in link for a user: the token row to insert and the link to mail. The link carries a
 * marker for the token, not the token (see `renderMail`), so the outbox holds nothing that spends.
 * A link for a hand-over also completes it when spent, and stays valid longer.
 */
export async function newSignInLink(
  db: Db,
  {
    userId,
    origin,
    now,
    handoverId = null,
    validMinutes = tokenMinutes,
  }: {
    userId: number | SQL | null;
    origin: string;
    now: Date;
    handoverId?: number | SQL | null;
    validMinutes?: number;
  },
) {
  const nonce = randomToken();
  const insert = db.insert(signInTokens).values({
    tokenHash: await sha256Hex(await signInTokenFor(nonce)),
    userId,
    handoverId,
    createdAt: iso(now),
    expiresAt: iso(addMinutes(now, validMinutes)),
  });
  return { insert, link: `${origin}/logga-in/bekrafta?token=${signInTokenMarker(nonce)}` };
}

/**
 * Sends a sign-in link to a known address, and a "no account here" note to an unknown one. Where
 * the city's account is configured (`cityAccount`), an officer or the coordinator gets a note to
 * use it instead of a link. Every path reads one row and writes one token row (unspendable unless
 * it is mailed) and one message, so neither answer nor timing tells them apart.
 */
export async function requestSignIn({
  db,
  email,
  origin,
  now,
  cityAccount = false,
}: {
  db: Db;
  email: string;
  origin: string;
  now: Date;
  cityAccount?: boolean;
}) {
  const staff = rowExists(
    db,
    memberships,
    and(eq(memberships.userId, users.id), inArray(memberships.role, [...staffRoles])),
  );
  const [user] = await db
    .select({ id: users.id, staff: sql<number>`${staff}` })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const linkable = user && !(cityAccount && user.staff);
  const { insert, link } = await newSignInLink(db, { userId: linkable ? user.id : null, origin, now });
  const mail = linkable
    ? { to: email, subject: messages.mail.signInSubject, body: messages.mail.signInBody(link), links: [link] }
    : user
      ? {
          to: email,
          subject: messages.mail.cityAccountSubject,
          body: messages.mail.cityAccountBody(`${origin}/logga-in`),
          links: [`${origin}/logga-in`],
        }
      : {
          to: email,
          subject: messages.mail.unknownSubject,
          body: messages.mail.unknownBody(`${origin}/registrera`),
          links: [`${origin}/registrera`],
        };
  await db.batch([insert, queueMail(db, mail, now)]);
}

/**
 * Spends a one-time token and opens a session in one transaction that expects the token to be
 * unused and unexpired, so a token opens at most one session, even when two requests race with
 * it. A token mailed for a hand-over also makes its user the school's principal, in the same batch.
 */
export async function spendSignInToken({ db, token, now }: { db: Db; token: string; now: Date }) {
  const spendable = and(
    eq(signInTokens.tokenHash, await sha256Hex(token)),
    isNull(signInTokens.usedAt),
    gt(signInTokens.expiresAt, iso(now)),
  );
  const [row] = await db
    .select({ id: signInTokens.id, userId: signInTokens.userId, handoverId: signInTokens.handoverId })
    .from(signInTokens)
    .where(spendable)
    .limit(1);
  if (!row?.userId) throw new AppError('TOKEN_INVALID');
  const userId = row.userId;
  const handover = row.handoverId === null ? null : await pendingHandover(db, row.handoverId, now);
  if (row.handoverId !== null && !handover) throw new AppError('HANDOVER_INVALID');
  // Someone whose last role was taken away (a removed officer with an old link) opens nothing;
  // a hand-over link gives its user the principal's role in this very batch.
  const ownRole = eq(memberships.userId, userId);
  const [role] = handover ? [] : await db.select({ id: memberships.id }).from(memberships).where(ownRole).limit(1);
  if (!handover && !role) throw new AppError('NO_ROLE_LEFT');
  if (handover && (await addressHoldsRole(db, handover.handover.newEmail, districtRoles)))
    throw new AppError('CITY_ROLE_CONFLICT');
  const accept = handover ? acceptHandover(db, { ...handover, userId, now }) : null;
  const sessionToken = randomToken();
  const expiresAt = iso(new Date(now.getTime() + sessionHours * 3_600_000));
  const unspent = rowExists(db, signInTokens, and(eq(signInTokens.id, row.id), spendable));
  await commitExpecting(db, {
    now,
    expect: accept
      ? (and(unspent, accept.acceptable) ?? unspent)
      : (and(unspent, rowExists(db, memberships, ownRole)) ?? unspent),
    refused: accept ? 'HANDOVER_INVALID' : 'TOKEN_INVALID',
    statements: [
      db.insert(sessions).values({ tokenHash: await sha256Hex(sessionToken), userId, createdAt: iso(now), expiresAt }),
      db
        .update(signInTokens)
        .set({ usedAt: iso(now) })
        .where(eq(signInTokens.id, row.id)),
      db
        .update(users)
        .set({ verifiedAt: sql`coalesce(${users.verifiedAt}, ${iso(now)})` })
        .where(eq(users.id, userId)),
      ...(accept?.statements ?? []),
      // A principal's first sign-in verifies the address and so confirms the registration.
      db
        .update(schools)
        .set({ status: 'active', verifiedAt: iso(now) })
        .where(
          and(
            isNull(schools.verifiedAt),
            sql`${schools.id} in (select ${memberships.schoolId} from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.role} = 'principal')`,
          ),
        ),
    ],
    events: [
      { action: 'user.signed_in', subjectType: 'user', subjectId: userId, actorUserId: userId },
      ...(accept ? [accept.event] : []),
    ],
  });
  return { sessionToken, userId, expiresAt };
}

export type SessionUser = { userId: number; email: string; name: string | null; memberships: Membership[] };

/** The signed-in user behind a session cookie, or null if it is unknown or expired. */
export async function getSessionUser({
  db,
  token,
  now,
}: {
  db: Db;
  token: string;
  now: Date;
}): Promise<SessionUser | null> {
  // The user and their roles in one round trip: both are found by the session, not one by the other.
  const live = and(eq(sessions.tokenHash, await sha256Hex(token)), gt(sessions.expiresAt, iso(now)));
  const [[row], roles] = await db.batch([
    db
      .select({ userId: users.id, email: users.email, name: users.name })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(live)
      .limit(1),
    db
      .select(getTableColumns(memberships))
      .from(memberships)
      .innerJoin(sessions, eq(sessions.userId, memberships.userId))
      .where(live),
  ]);
  if (!row) return null;
  return { ...row, memberships: roles };
}

/** Signing out deletes the session server-side; the cookie alone is then worthless. */
export async function endSession({ db, token }: { db: Db; token: string }): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token)));
}

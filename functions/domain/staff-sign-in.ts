import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { identities, memberships, sessions, users } from '../db/schema';
import { AppError } from '../errors';
import { randomToken, sha256Hex } from './crypto';
import type { VerifiedIdentity } from './oidc';
import { sessionHours, staffRoles } from './sign-in';
import { commitExpecting, rowExists } from './transition';
import { iso } from './time';

const staffRole = (userId: number) => and(eq(memberships.userId, userId), inArray(memberships.role, [...staffRoles]));

/**
 * Opens a session for an officer or the coordinator the city's identity provider vouches for.
 * They are known by issuer + subject; the first time, by the provider's verified e-mail address,
 * which must be that of someone the coordinator invited. Anyone else (an address the portal does
 * not know, a school's address, an unverified address, a removed officer) is refused and nothing
 * is written. The role is checked again inside the batch, so a removal that comes first wins.
 */
export async function signInWithIdentity({ db, identity, now }: { db: Db; identity: VerifiedIdentity; now: Date }) {
  const known = await userByIdentity(db, identity);
  const userId = known ?? (await invitedByEmail(db, identity));
  if (!userId) throw new AppError('NOT_INVITED');
  const [role] = await db.select({ id: memberships.id }).from(memberships).where(staffRole(userId)).limit(1);
  if (!role) throw new AppError(known ? 'ROLE_REMOVED' : 'NOT_INVITED');
  const sameIssuer = and(eq(identities.userId, userId), eq(identities.issuer, identity.issuer));
  const sessionToken = randomToken();
  const expiresAt = iso(new Date(now.getTime() + sessionHours * 3_600_000));
  const stillStaff = rowExists(db, memberships, staffRole(userId));
  await commitExpecting(db, {
    now,
    // A first sign-in links the identity only if no other subject of this issuer took the user meanwhile.
    expect: known
      ? stillStaff
      : (and(
          stillStaff,
          notExists(
            db
              .select({ one: sql`1` })
              .from(identities)
              .where(sameIssuer),
          ),
        ) ?? stillStaff),
    refused: known ? 'ROLE_REMOVED' : 'NOT_INVITED',
    statements: [
      ...(known
        ? []
        : [
            db
              .insert(identities)
              .values({ userId, issuer: identity.issuer, subject: identity.subject, createdAt: iso(now) }),
          ]),
      db.insert(sessions).values({ tokenHash: await sha256Hex(sessionToken), userId, createdAt: iso(now), expiresAt }),
      db
        .update(users)
        .set({ verifiedAt: sql`coalesce(${users.verifiedAt}, ${iso(now)})` })
        .where(eq(users.id, userId)),
    ],
    events: [
      {
        action: 'user.signed_in',
        subjectType: 'user',
        subjectId: userId,
        actorUserId: userId,
        data: { with: 'oidc', issuer: identity.issuer },
      },
    ],
  });
  return { sessionToken, userId, expiresAt };
}

async function userByIdentity(db: Db, identity: VerifiedIdentity): Promise<number | null> {
  const [row] = await db
    .select({ userId: identities.userId })
    .from(identities)
    .where(and(eq(identities.issuer, identity.issuer), eq(identities.subject, identity.subject)))
    .limit(1);
  return row?.userId ?? null;
}

/** An invited staff member not yet linked to this issuer, by the address the provider has verified. */
async function invitedByEmail(db: Db, identity: VerifiedIdentity): Promise<number | null> {
  if (!identity.emailVerified || !identity.email) return null;
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, identity.email)).limit(1);
  return row?.id ?? null;
}

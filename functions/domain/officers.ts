import { and, asc, eq, not, sql } from 'drizzle-orm';
import { schoolRoles } from './access';
import type { Db } from '../db/client';
import { districts, memberships, users } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { queueMail } from './mail';
import { findDistrictOn } from './districts';
import { newSignInLink } from './sign-in';
import { commitExpecting, rowExists } from './transition';
import { iso } from './time';
import { addressHoldsRole } from './address-roles';

/** Every district officer with the district they work for. */
export async function listOfficers({ db }: { db: Db }) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      verifiedAt: users.verifiedAt,
      district: districts.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(districts, eq(districts.id, memberships.districtId))
    .where(eq(memberships.role, 'officer'))
    .orderBy(asc(districts.name), asc(users.email));
}

/** One officer and the districts they work for, for the removal's confirmation; null if not an officer. */
export async function getOfficer({ db, userId }: { db: Db; userId: number }) {
  const rows = await db
    .select({ name: users.name, email: users.email, district: districts.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(districts, eq(districts.id, memberships.districtId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'officer')))
    .orderBy(asc(districts.name));
  const [first] = rows;
  return first ? { userId, name: first.name, email: first.email, districts: rows.map((r) => r.district) } : null;
}

/**
 * The coordinator invites an officer for one district; the invitation is a sign-in link, or where
 * staff sign in with the city's account (`cityAccount`), a letter pointing there with no token.
 * Someone who already is an officer there is refused with ALREADY_OFFICER: no second role, letter
 * or event.
 */
export async function inviteOfficer({
  db,
  actorUserId,
  input,
  origin,
  now,
  cityAccount = false,
}: {
  db: Db;
  actorUserId: number;
  input: { name: string; email: string; district: string };
  origin: string;
  now: Date;
  cityAccount?: boolean;
}) {
  const district = await findDistrictOn(db, input.district, now);
  if (!district) throw new AppError('VALIDATION');
  // The two sides of an agreement are never the same person.
  if (await addressHoldsRole(db, input.email, schoolRoles)) throw new AppError('SCHOOL_ROLE_CONFLICT');
  const userId = sql`(select ${users.id} from ${users} where ${users.email} = ${input.email})`;
  const signInLink = cityAccount ? null : await newSignInLink(db, { userId, origin, now });
  const link = signInLink?.link ?? `${origin}/logga-in`;
  const body = signInLink
    ? messages.mail.inviteBody(district.name, link)
    : messages.mail.inviteCityAccountBody(district.name, link);
  await commitExpecting(db, {
    now,
    expect: not(
      rowExists(
        db,
        memberships,
        and(eq(memberships.userId, userId), eq(memberships.role, 'officer'), eq(memberships.districtId, district.id)),
      ),
    ),
    refused: 'ALREADY_OFFICER',
    statements: [
      db
        .insert(users)
        .values({ email: input.email, name: input.name, createdAt: iso(now) })
        .onConflictDoNothing(),
      db.insert(memberships).values({ userId, role: 'officer', districtId: district.id, createdAt: iso(now) }),
      ...(signInLink ? [signInLink.insert] : []),
      queueMail(db, { to: input.email, subject: messages.mail.inviteSubject, body, links: [link] }, now),
    ],
    events: [
      {
        action: 'officer.invited',
        subjectType: 'user',
        subjectId: input.email,
        actorUserId,
        data: { district: district.name },
      },
    ],
  });
}

import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { memberships, signInTokens, users } from '../../functions/db/schema';
import { coordinatorEmail } from '../../functions/db/seed-accounts';
import { inviteCoordinator } from '../../functions/domain/coordinators';
import { spendSignInToken } from '../../functions/domain/sign-in';
import { addMinutes } from '../../functions/domain/time';
import { domainDatabases } from '../support/domain-db';
import { eventsOf, lettersTo, mailedToken, origin, registeredSchool, traces } from '../support/domain-flows';

// The first coordinator of a new environment (npm run deploy:prepare): one account, one role, one
// letter whose link still works days later, one audit event; never twice, never a school's address.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');
const address = 'ny.samordnare@stockholm.example';

it('invites a coordinator with a letter whose link signs in within 7 days', async () => {
  const db = await freshDb();
  await inviteCoordinator({ db, input: { email: address, name: 'Ny samordnare' }, origin, now });
  const [user] = await db.select().from(users).where(eq(users.email, address));
  expect(user?.name).toBe('Ny samordnare');
  expect(
    await db
      .select({ role: memberships.role, districtId: memberships.districtId })
      .from(memberships)
      .where(eq(memberships.userId, user!.id)),
  ).toEqual([{ role: 'coordinator', districtId: null }]);
  const [letter] = await lettersTo(db, address);
  expect(letter?.body).toContain('samordnare');
  expect(letter?.links[0]).toMatch(new RegExp(`^${origin}/logga-in/bekrafta`));
  expect(await eventsOf(db, 'coordinator.invited')).toMatchObject([{ subjectId: address, actorUserId: null }]);
  const [token] = await db
    .select({ expiresAt: signInTokens.expiresAt })
    .from(signInTokens)
    .where(eq(signInTokens.userId, user!.id));
  expect(token?.expiresAt).toBe(addMinutes(now, 7 * 24 * 60).toISOString());
  const later = new Date(now.getTime() + 6 * 86_400_000);
  expect((await spendSignInToken({ db, token: await mailedToken(db, address), now: later })).userId).toBe(user!.id);
});

it('refuses someone who already is coordinator, and a school’s address, writing nothing', async () => {
  const db = await freshDb();
  const school = await registeredSchool(db, { now });
  const before = await traces(db);
  await expect(
    inviteCoordinator({ db, input: { email: coordinatorEmail, name: null }, origin, now }),
  ).rejects.toMatchObject({ code: 'ALREADY_COORDINATOR' });
  await expect(
    inviteCoordinator({ db, input: { email: school.input.principalEmail, name: null }, origin, now }),
  ).rejects.toMatchObject({ code: 'SCHOOL_ROLE_CONFLICT' });
  expect(await traces(db)).toEqual(before);
});

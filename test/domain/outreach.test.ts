import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../functions/db/client';
import { auditEvents, outbox, schoolUnits, unitInvitations } from '../../functions/db/schema';
import { inviteSchoolUnit, listUnitsOutsideNetwork, reinviteDays } from '../../functions/domain/outreach';
import { addDays } from '../../functions/domain/time';
import { domainDatabases } from '../support/domain-db';
import { coordinatorOf, origin, registeredSchool } from '../support/domain-flows';

// Outreach: the coordinator invites units of Skolverket's register (school_units) that are not in
// the network. Each invitation is one conditional write with its letter and audit event.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');

/** A unit as the nightly sync stores it: active, independent, in Stockholm, unless told otherwise. */
const unit = (
  code: string,
  overrides: Partial<typeof schoolUnits.$inferInsert> = {},
): typeof schoolUnits.$inferInsert => ({
  code,
  name: `Enheten ${code}`,
  organizerName: 'Testhuvudmannen AB',
  organizerType: 'enskild',
  orgNumber: '5566778899',
  municipalityCode: '0180',
  status: 'active',
  forms: ['grundskola'],
  streetAddress: 'Testgatan 1',
  postcode: '116 46',
  postalTown: 'Stockholm',
  email: `expedition.${code}@skola.example`,
  contentHash: 'test',
  firstSeenAt: now.toISOString(),
  syncedAt: now.toISOString(),
  closedAt: overrides.status === 'closed' ? now.toISOString() : null,
  ...overrides,
});

async function withUnits(units: (typeof schoolUnits.$inferInsert)[]): Promise<Db> {
  const db = await freshDb();
  for (const u of units) await db.insert(schoolUnits).values(u);
  return db;
}

const letters = async (db: Db) => (await db.select({ n: count() }).from(outbox))[0]?.n ?? 0;
const invitedEvents = async (db: Db) =>
  (await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'school-unit.invited')))[0]?.n ?? 0;

describe('the units outside the network', () => {
  it('are the active independent units in Stockholm without a school of the same code', async () => {
    const db = await withUnits([
      unit('81000001'),
      unit('81000002', { organizerType: 'kommunal' }),
      unit('81000003', { status: 'closed' }),
      unit('81000004', { municipalityCode: '0184' }),
      unit('81000005'),
    ]);
    await registeredSchool(db, { now, overrides: { schoolUnitCode: '81000005' } });
    expect((await listUnitsOutsideNetwork({ db })).map((u) => u.code)).toEqual(['81000001']);
  });
});

describe('inviting a unit', () => {
  it('sends one letter when two invitations race, with one audit event; the loser is told it was invited', async () => {
    const db = await withUnits([unit('81000011')]);
    const { userId } = await coordinatorOf(db);
    const before = await letters(db);
    const results = await Promise.allSettled(
      [0, 1].map(() => inviteSchoolUnit({ db, actorUserId: userId, code: '81000011', origin, now })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'UNIT_INVITED_RECENTLY' } });
    expect((await letters(db)) - before).toBe(1);
    expect(await invitedEvents(db)).toBe(1);
    const [letter] = await db.select().from(outbox).where(eq(outbox.to, 'expedition.81000011@skola.example'));
    expect(letter?.links).toEqual([`${origin}/registrera?skolenhetskod=81000011`]);
    expect((await listUnitsOutsideNetwork({ db }))[0]?.lastInvitedAt).toBe(now.toISOString());
  });

  it(`refuses again within ${reinviteDays} days, and invites again after`, async () => {
    const db = await withUnits([unit('81000021')]);
    const { userId } = await coordinatorOf(db);
    await inviteSchoolUnit({ db, actorUserId: userId, code: '81000021', origin, now });
    await expect(
      inviteSchoolUnit({ db, actorUserId: userId, code: '81000021', origin, now: addDays(now, reinviteDays - 1) }),
    ).rejects.toMatchObject({ code: 'UNIT_INVITED_RECENTLY' });
    await inviteSchoolUnit({ db, actorUserId: userId, code: '81000021', origin, now: addDays(now, reinviteDays + 1) });
    expect(await db.select().from(unitInvitations)).toHaveLength(2);
  });

  it('refuses a unit in the network, one without an address, and one not outside the network, writing nothing', async () => {
    const db = await withUnits([
      unit('81000031'),
      unit('81000032', { email: null }),
      unit('81000033', { organizerType: 'kommunal' }),
    ]);
    await registeredSchool(db, { now, overrides: { schoolUnitCode: '81000031' } });
    const { userId } = await coordinatorOf(db);
    const before = await letters(db);
    await expect(inviteSchoolUnit({ db, actorUserId: userId, code: '81000031', origin, now })).rejects.toMatchObject({
      code: 'UNIT_IN_NETWORK',
    });
    await expect(inviteSchoolUnit({ db, actorUserId: userId, code: '81000032', origin, now })).rejects.toMatchObject({
      code: 'UNIT_NO_EMAIL',
    });
    await expect(inviteSchoolUnit({ db, actorUserId: userId, code: '81000033', origin, now })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(inviteSchoolUnit({ db, actorUserId: userId, code: '81999999', origin, now })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await letters(db)).toBe(before);
    expect(await invitedEvents(db)).toBe(0);
  });

  it(
    'is rate limited: 50 invitations an hour per coordinator, the 51st refused with nothing written',
    { timeout: 60_000 },
    async () => {
      const codes = Array.from({ length: 51 }, (_, i) => String(82_000_000 + i));
      const db = await withUnits(codes.map((c) => unit(c)));
      const { userId } = await coordinatorOf(db);
      for (const code of codes.slice(0, 50)) await inviteSchoolUnit({ db, actorUserId: userId, code, origin, now });
      await expect(
        inviteSchoolUnit({ db, actorUserId: userId, code: codes[50] as string, origin, now }),
      ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      expect(await invitedEvents(db)).toBe(50);
      // The next hour the coordinator may go on.
      await inviteSchoolUnit({
        db,
        actorUserId: userId,
        code: codes[50] as string,
        origin,
        now: new Date(now.getTime() + 60 * 60 * 1000),
      });
      expect(await invitedEvents(db)).toBe(51);
    },
  );
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../functions/db/client';
import { schools } from '../../functions/db/schema';
import { recheckRegistration } from '../../functions/domain/recheck-registration';
import { startSkolverketFixture, type SkolverketFixture } from '../../scripts/lib/skolverket-fixture';
import { domainDatabases } from '../support/domain-db';
import { coordinatorOf, eventsOf, registeredSchool } from '../support/domain-flows';

// A registration made while Skolverket did not answer stays flagged until the coordinator checks
// its code against the register again (the recorded fixture, fixtures/skolverket/).

const freshDb = domainDatabases();
const now = new Date('2026-11-30T10:00:00Z');
let register: SkolverketFixture;
let silent: SkolverketFixture;
beforeAll(async () => {
  register = await startSkolverketFixture();
  // A register of its own that does not answer: the tests here run side by side.
  silent = await startSkolverketFixture();
  silent.setMode('down');
});
afterAll(() => Promise.all([register?.close(), silent?.close()]));

const config = () => ({ baseUrl: register.url, timeoutMs: 10_000 });

/** A registered independent school with this code, flagged as unchecked against the register. */
async function flagged(db: Db, code: string) {
  const { school } = await registeredSchool(db, { now, overrides: { schoolUnitCode: code } });
  await db.update(schools).set({ registerCheck: 'unverified' }).where(eq(schools.id, school.id));
  return school;
}
const checkOf = async (db: Db, code: string) =>
  (await db.select({ check: schools.registerCheck }).from(schools).where(eq(schools.schoolUnitCode, code)))[0]?.check;

describe('checking a flagged registration against the register again', () => {
  it('clears the flag of an active independent unit in Stockholm, with one audit event', async () => {
    const db = await freshDb();
    const school = await flagged(db, '91000206');
    const coordinator = await coordinatorOf(db);
    await recheckRegistration({ db, config: config(), actorUserId: coordinator.userId, code: '91000206', now });
    expect(await checkOf(db, '91000206')).toBe('verified');
    const events = await eventsOf(db, 'school.register_verified');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subjectId: school.reference, actorUserId: coordinator.userId });
  });

  it('of two checks at once clears the flag once; the other is told it is done', async () => {
    const db = await freshDb();
    await flagged(db, '91000206');
    const coordinator = await coordinatorOf(db);
    const check = () =>
      recheckRegistration({ db, config: config(), actorUserId: coordinator.userId, code: '91000206', now });
    const results = await Promise.allSettled([check(), check()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'REGISTRATION_CHECKED' } });
    expect(await eventsOf(db, 'school.register_verified')).toHaveLength(1);
  });

  it.each([
    ['a closed unit', '91000390', 'UNIT_CLOSED'],
    ['a dormant unit', '91000391', 'UNIT_CLOSED'],
    ['a unit in another municipality', '92000001', 'UNIT_OTHER_MUNICIPALITY'],
    ['a municipal unit', '90000125', 'UNIT_NOT_INDEPENDENT'],
    ['a code the register does not know', '91999999', 'UNIT_UNKNOWN'],
  ])('refuses %s with the register’s reason and changes nothing', async (_what, code, reason) => {
    const db = await freshDb();
    await flagged(db, code);
    const coordinator = await coordinatorOf(db);
    await expect(
      recheckRegistration({ db, config: config(), actorUserId: coordinator.userId, code, now }),
    ).rejects.toMatchObject({ code: reason });
    expect(await checkOf(db, code)).toBe('unverified');
    expect(await eventsOf(db, 'school.register_verified')).toHaveLength(0);
  });

  it('changes nothing when Skolverket does not answer, and says so', async () => {
    const db = await freshDb();
    await flagged(db, '91000206');
    const coordinator = await coordinatorOf(db);
    await expect(
      recheckRegistration({
        db,
        config: { baseUrl: silent.url, timeoutMs: 1_000 },
        actorUserId: coordinator.userId,
        code: '91000206',
        now,
      }),
    ).rejects.toMatchObject({ code: 'REGISTER_UNAVAILABLE' });
    expect(await checkOf(db, '91000206')).toBe('unverified');
  });

  it('asks Skolverket nothing for a registration that is not flagged', async () => {
    const db = await freshDb();
    await registeredSchool(db, { now, overrides: { schoolUnitCode: '91000205' } });
    const coordinator = await coordinatorOf(db);
    const own = await startSkolverketFixture();
    try {
      await expect(
        recheckRegistration({
          db,
          config: { baseUrl: own.url, timeoutMs: 10_000 },
          actorUserId: coordinator.userId,
          code: '91000205',
          now,
        }),
      ).rejects.toMatchObject({ code: 'REGISTRATION_CHECKED' });
      expect(own.counts.unit).toBe(0);
    } finally {
      await own.close();
    }
  });
});

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

/** The coordinator checks the code again, asking the register at `registerUrl`. */
const recheck = async (db: Db, code: string, registerUrl = register.url) =>
  recheckRegistration({
    db,
    config: { baseUrl: registerUrl, timeoutMs: registerUrl === silent.url ? 1_000 : 10_000 },
    actorUserId: (await coordinatorOf(db)).userId,
    code,
    now,
  });

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
    await recheck(db, '91000206');
    expect(await checkOf(db, '91000206')).toBe('verified');
    const events = await eventsOf(db, 'school.register_verified');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subjectId: school.reference, actorUserId: (await coordinatorOf(db)).userId });
  });

  it('of two checks at once clears the flag once; the other is told it is done', async () => {
    const db = await freshDb();
    await flagged(db, '91000206');
    const results = await Promise.allSettled([recheck(db, '91000206'), recheck(db, '91000206')]);
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
    await expect(recheck(db, code)).rejects.toMatchObject({ code: reason });
    expect(await checkOf(db, code)).toBe('unverified');
    expect(await eventsOf(db, 'school.register_verified')).toHaveLength(0);
  });

  it('changes nothing when Skolverket does not answer, and says so', async () => {
    const db = await freshDb();
    await flagged(db, '91000206');
    await expect(recheck(db, '91000206', silent.url)).rejects.toMatchObject({ code: 'REGISTER_UNAVAILABLE' });
    expect(await checkOf(db, '91000206')).toBe('unverified');
  });

  it('asks Skolverket nothing for a registration that is not flagged', async () => {
    const db = await freshDb();
    await registeredSchool(db, { now, overrides: { schoolUnitCode: '91000205' } });
    const own = await startSkolverketFixture();
    try {
      await expect(recheck(db, '91000205', own.url)).rejects.toMatchObject({ code: 'REGISTRATION_CHECKED' });
      expect(own.counts.unit).toBe(0);
    } finally {
      await own.close();
    }
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools } from '../../functions/db/schema';
import { cityName, computeIndicator, getIndicator } from '../../functions/domain/indicator';
import { syncSchoolUnits } from '../../functions/domain/sync-school-units';
import { startSkolverketFixture, type SkolverketFixture } from '../../scripts/lib/skolverket-fixture';
import { domainDatabases } from '../support/domain-db';
import { confirmedAgreement, registeredSchool } from '../support/domain-flows';

// The indicator against Skolverket's register: the share of ALL active units in Stockholm with a
// valid agreement, beside the share of the registered, per district where a unit's district is
// known (it has registered). The register is the recorded fixture: 14 active independent and 26
// active municipal units in Stockholm.

const freshDb = domainDatabases();
const now = new Date('2026-11-30T09:00:00Z');
let fixture: SkolverketFixture;
beforeAll(async () => {
  fixture = await startSkolverketFixture();
});
afterAll(() => fixture.close());

type Db = Awaited<ReturnType<typeof freshDb>>;
const withCode = (db: Db, id: number, code: string) =>
  db.update(schools).set({ schoolUnitCode: code }).where(eq(schools.id, id));
const rowOf = async (db: Db, district: string, kind: string) => {
  const r = (await getIndicator({ db }))?.rows.find((x) => x.districtName === district && x.kind === kind);
  return (
    r && {
      registered: r.registered,
      withValidAgreement: r.withValidAgreement,
      registerUnits: r.registerUnits,
      registerWithValidAgreement: r.registerWithValidAgreement,
    }
  );
};

/** Bromma: a school with a valid agreement (unit 91000201); Farsta: one without (91000205); Järva: one whose unit is dormant (91000391). */
async function network(db: Db) {
  await withCode(db, (await confirmedAgreement(db, { district: 'bromma', now })).school.id, '91000201');
  await withCode(db, (await registeredSchool(db, { district: 'farsta', now })).school.id, '91000205');
  await withCode(db, (await confirmedAgreement(db, { district: 'jarva', now })).school.id, '91000391');
}

describe('the indicator with Skolverket’s register', () => {
  it('counts every active unit in Stockholm for the city and the matched units per district', async () => {
    const db = await freshDb();
    await network(db);
    await syncSchoolUnits({ db, config: { baseUrl: fixture.url, timeoutMs: 10_000 }, now });
    await computeIndicator({ db, now });

    expect(await rowOf(db, cityName, 'fristaende')).toEqual({
      registered: 3,
      withValidAgreement: 2,
      registerUnits: 14,
      registerWithValidAgreement: 1,
    });
    expect(await rowOf(db, cityName, 'kommunal')).toEqual({
      registered: 0,
      withValidAgreement: 0,
      registerUnits: 26,
      registerWithValidAgreement: 0,
    });
    expect(await rowOf(db, 'Bromma', 'fristaende')).toEqual({
      registered: 1,
      withValidAgreement: 1,
      registerUnits: 1,
      registerWithValidAgreement: 1,
    });
    expect(await rowOf(db, 'Farsta', 'fristaende')).toEqual({
      registered: 1,
      withValidAgreement: 0,
      registerUnits: 1,
      registerWithValidAgreement: 0,
    });
    // The dormant unit is not active: registered with an agreement, but not in the register's count.
    expect(await rowOf(db, 'Järva', 'fristaende')).toEqual({
      registered: 1,
      withValidAgreement: 1,
      registerUnits: 0,
      registerWithValidAgreement: 0,
    });
    expect((await getIndicator({ db }))?.registerSync?.lastOk?.ranAt).toBe(now.toISOString());
  });

  it('has no register figures until the register has been synced', async () => {
    const db = await freshDb();
    await network(db);
    await computeIndicator({ db, now });
    expect(await rowOf(db, cityName, 'fristaende')).toEqual({
      registered: 3,
      withValidAgreement: 2,
      registerUnits: null,
      registerWithValidAgreement: null,
    });
    expect((await getIndicator({ db }))?.registerSync).toBeNull();
  });

  it('keeps the last register figures when Skolverket does not answer, and says when it last did', async () => {
    const db = await freshDb();
    await network(db);
    await syncSchoolUnits({ db, config: { baseUrl: fixture.url, timeoutMs: 10_000 }, now });
    const later = new Date('2026-12-01T03:00:00Z');
    await syncSchoolUnits({ db, config: { baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 }, now: later });
    await computeIndicator({ db, now: later });
    expect(await rowOf(db, cityName, 'fristaende')).toMatchObject({ registerUnits: 14, registerWithValidAgreement: 1 });
    expect((await getIndicator({ db }))?.registerSync).toMatchObject({
      latest: { outcome: 'unavailable', ranAt: later.toISOString() },
      lastOk: { ranAt: now.toISOString() },
    });
  });
});

import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, registerSyncs, schoolUnits } from '../../functions/db/schema';
import { lastRegisterSync, syncSchoolUnits } from '../../functions/domain/sync-school-units';
import { generatedUnit } from '../../scripts/bench/register-sync';
import {
  recordedUnits,
  startSkolverketFixture,
  type RecordedUnit,
  type SkolverketFixture,
} from '../../scripts/lib/skolverket-fixture';
import { domainDatabases } from '../support/domain-db';

// The nightly sync of Stockholm's units from Skolverket's register (the recorded fixture) into D1.

const freshDb = domainDatabases();
const night = new Date('2026-11-30T03:00:00Z');
const nextNight = new Date('2026-12-01T03:00:00Z');
const fixtures: SkolverketFixture[] = [];
const recorded = recordedUnits();
// Stockholm's units that exist now: all but the two closed ones and the unit in Solna.
const listedInStockholm = recorded.filter(
  (u) => u.data.attributes.municipalityCode === '0180' && u.data.attributes.status !== 'UPPHORT',
).length;

async function registerWith(units: RecordedUnit[] = recorded) {
  const fixture = await startSkolverketFixture({ units });
  fixtures.push(fixture);
  // Generous: the machine may be busy, and a slow answer here would read as Skolverket being down.
  return { fixture, config: { baseUrl: fixture.url, timeoutMs: 10_000 } };
}
afterAll(() => Promise.all(fixtures.map((f) => f.close())));

/** A deep copy of the recorded units with some changed: the register a day later. */
function edited(change: (byCode: Map<string, RecordedUnit>) => void) {
  const copy = structuredClone(recorded);
  const byCode = new Map(copy.map((u) => [u.data.schoolUnitCode, u]));
  change(byCode);
  return [...byCode.values()];
}

const unitsIn = (db: Awaited<ReturnType<typeof freshDb>>) =>
  db.select().from(schoolUnits).orderBy(asc(schoolUnits.code));

describe('the nightly sync of the school-unit register', () => {
  let register: Awaited<ReturnType<typeof registerWith>>;
  beforeAll(async () => {
    register = await registerWith();
  });

  it('keeps every Stockholm unit that exists now, and says so in the record and the audit trail', async () => {
    const db = await freshDb();
    expect(await syncSchoolUnits({ db, config: register.config, now: night })).toEqual({
      outcome: 'ok',
      unitsSeen: listedInStockholm,
      added: listedInStockholm,
      changed: 0,
      closed: 0,
    });
    const units = await unitsIn(db);
    expect(units).toHaveLength(listedInStockholm);
    expect(units.map((u) => u.code)).not.toContain('92000001');
    expect(units.find((u) => u.code === '91000201')).toMatchObject({
      organizerType: 'enskild',
      status: 'active',
      forms: ['grundskola'],
      firstSeenAt: night.toISOString(),
      syncedAt: night.toISOString(),
      closedAt: null,
    });
    // A dormant unit is kept, as not active.
    expect(units.find((u) => u.code === '91000391')).toMatchObject({ status: 'closed', closedAt: night.toISOString() });
    expect(await lastRegisterSync({ db })).toMatchObject({
      latest: { outcome: 'ok', unitsSeen: listedInStockholm, added: listedInStockholm },
      lastOk: { ranAt: night.toISOString() },
    });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'register.sync.ok'));
    expect(event?.subjectId).toBe('0180');
  });

  it('writes no unit when nothing changed', async () => {
    const db = await freshDb();
    await syncSchoolUnits({ db, config: register.config, now: night });
    const before = await unitsIn(db);
    expect(await syncSchoolUnits({ db, config: register.config, now: nextNight })).toEqual({
      outcome: 'ok',
      unitsSeen: listedInStockholm,
      added: 0,
      changed: 0,
      closed: 0,
    });
    expect(await unitsIn(db)).toEqual(before);
    expect(await db.select().from(registerSyncs)).toHaveLength(2);
  });

  it('writes what changed, closes units that closed or left the list, never deletes, and reopens', async () => {
    const db = await freshDb();
    await syncSchoolUnits({ db, config: register.config, now: night });
    const later = await registerWith(
      edited((units) => {
        units.get('91000301')!.data.attributes.email = 'ny.adress@testskolanhammarbysjostad.example';
        units.get('91000302')!.data.attributes.status = 'UPPHORT';
        units.delete('91000303');
        units.get('91000391')!.data.attributes.status = 'AKTIV';
        const added = structuredClone(units.get('91000304')!);
        added.data.schoolUnitCode = '91000399';
        added.data.attributes.displayName = 'Nystartade testskolan';
        units.set('91000399', added);
      }),
    );
    expect(await syncSchoolUnits({ db, config: later.config, now: nextNight })).toEqual({
      outcome: 'ok',
      unitsSeen: listedInStockholm - 1,
      added: 1,
      changed: 2,
      closed: 2,
    });
    const units = new Map((await unitsIn(db)).map((u) => [u.code, u]));
    expect(units.size).toBe(listedInStockholm + 1);
    expect(units.get('91000301')).toMatchObject({
      email: 'ny.adress@testskolanhammarbysjostad.example',
      syncedAt: nextNight.toISOString(),
      firstSeenAt: night.toISOString(),
    });
    expect(units.get('91000302')).toMatchObject({ status: 'closed', closedAt: nextNight.toISOString() });
    expect(units.get('91000303')).toMatchObject({
      status: 'closed',
      closedAt: nextNight.toISOString(),
      name: 'Testskolan Bagarmossen',
    });
    expect(units.get('91000391')).toMatchObject({ status: 'active', closedAt: null });
    expect(units.get('91000399')).toMatchObject({
      name: 'Nystartade testskolan',
      firstSeenAt: nextNight.toISOString(),
    });
    // Untouched units keep the time they were last written.
    expect(units.get('91000201')?.syncedAt).toBe(night.toISOString());
  });

  it('changes nothing when Skolverket does not answer, and records the failure', async () => {
    const db = await freshDb();
    await syncSchoolUnits({ db, config: register.config, now: night });
    const before = await unitsIn(db);
    const down = await registerWith();
    down.fixture.setMode('down');
    expect(await syncSchoolUnits({ db, config: down.config, now: nextNight })).toEqual({
      outcome: 'unavailable',
      unitsSeen: 0,
      added: 0,
      changed: 0,
      closed: 0,
    });
    expect(await unitsIn(db)).toEqual(before);
    expect(await lastRegisterSync({ db })).toMatchObject({
      latest: { outcome: 'unavailable', ranAt: nextNight.toISOString() },
      lastOk: { outcome: 'ok', ranAt: night.toISOString() },
    });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'register.sync.unavailable'))).toHaveLength(
      1,
    );
  });

  it('writes a register larger than one batch in full, and then nothing', async () => {
    const db = await freshDb();
    const large = await registerWith(Array.from({ length: 1_234 }, (_, i) => generatedUnit(i)));
    // Generated units are all in Stockholm; dormant ones are listed too.
    const listed = 1_234;
    expect(await syncSchoolUnits({ db, config: large.config, now: night })).toMatchObject({
      outcome: 'ok',
      unitsSeen: listed,
      added: listed,
    });
    expect(await unitsIn(db)).toHaveLength(listed);
    expect(await syncSchoolUnits({ db, config: large.config, now: nextNight })).toMatchObject({
      added: 0,
      changed: 0,
      closed: 0,
    });
    expect(await db.select().from(schoolUnits).where(eq(schoolUnits.syncedAt, nextNight.toISOString()))).toHaveLength(
      0,
    );
  });

  it('a register that never answered has no last sync', async () => {
    const db = await freshDb();
    expect(await lastRegisterSync({ db })).toBeNull();
  });
});

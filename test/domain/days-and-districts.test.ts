import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../functions/db/client';
import { districts } from '../../functions/db/schema';
import { validityFrom } from '../../functions/domain/agreements/confirm-sign-off';
import { startAgreement } from '../../functions/domain/agreements/start-agreement';
import {
  districtInForce,
  existsOn,
  findDistrictOn,
  listCurrentDistricts,
  successorOn,
} from '../../functions/domain/districts';
import { domainDatabases } from '../support/domain-db';
import { agreementRow, confirmedAgreement, registeredSchool } from '../support/domain-flows';

// Rules that turn on the day: validity counts Stockholm days, and a district takes new schools
// and agreements only while it exists (after a merger, its successor does).

const freshDb = domainDatabases();

const idOf = async (db: Db, slug: string) =>
  (await db.select({ id: districts.id }).from(districts).where(eq(districts.slug, slug)))[0]!.id;
const inForce = async (db: Db, slug: string, day: string) =>
  (await districtInForce({ db, districtId: await idOf(db, slug), day }))?.slug ?? null;

describe('validity in Stockholm days', () => {
  it('runs from the Stockholm day of confirmation for one year', () => {
    // 00:30 in Stockholm is still the previous day in UTC, in winter (CET) and in summer (CEST).
    expect(validityFrom(new Date('2026-11-29T23:30:00Z'))).toEqual({ validFrom: '2026-11-30', validTo: '2027-11-29' });
    expect(validityFrom(new Date('2026-06-30T22:30:00Z'))).toEqual({ validFrom: '2026-07-01', validTo: '2027-06-30' });
    expect(validityFrom(new Date('2026-12-31T22:59:59Z'))).toEqual({ validFrom: '2026-12-31', validTo: '2027-12-30' });
  });

  it('an agreement confirmed at 00:30 Swedish time is valid from that day', async () => {
    const db = await freshDb();
    const { agreementId } = await confirmedAgreement(db, {
      district: 'bromma',
      now: new Date('2026-11-29T12:00:00Z'),
      confirmedAt: new Date('2026-11-29T23:30:00Z'),
    });
    expect(await agreementRow(db, agreementId)).toMatchObject({ validFrom: '2026-11-30', validTo: '2027-11-29' });
  });
});

// Älvsjö existed from 2007-01-01 through 2019-12-31; Hägersten-Älvsjö took over on 2020-01-01.
const noon = (day: string) => new Date(`${day}T11:00:00Z`);
const slugsOn = async (db: Db, day: string) =>
  (await listCurrentDistricts({ db, today: noon(day) })).map((d) => d.slug);

describe('a district exists from its first day through its last (one rule for every caller)', () => {
  const alvsjo = { validFrom: '2007-01-01', validTo: '2019-12-31' };

  it('not on the day before its first day, on its first and its last day, not on the day after', async () => {
    expect([
      existsOn(alvsjo, '2006-12-31'),
      existsOn(alvsjo, '2007-01-01'),
      existsOn(alvsjo, '2019-12-31'),
      existsOn(alvsjo, '2020-01-01'),
    ]).toEqual([false, true, true, false]);
    expect(existsOn({ validFrom: '2007-01-01', validTo: null }, '2999-12-31')).toBe(true);
    const db = await freshDb();
    const found = async (day: string) => (await findDistrictOn(db, 'alvsjo', noon(day)))?.name ?? null;
    expect([
      await found('2006-12-31'),
      await found('2007-01-01'),
      await found('2019-12-31'),
      await found('2020-01-01'),
    ]).toEqual([null, 'Älvsjö', 'Älvsjö', null]);
    // The list the forms and pages offer keeps the same days.
    expect(
      [
        await slugsOn(db, '2006-12-31'),
        await slugsOn(db, '2007-01-01'),
        await slugsOn(db, '2019-12-31'),
        await slugsOn(db, '2020-01-01'),
      ].map((l) => l.includes('alvsjo')),
    ).toEqual([false, true, true, false]);
    expect((await slugsOn(db, '2019-12-31')).includes('hagersten-alvsjo')).toBe(false);
    expect((await slugsOn(db, '2020-01-01')).includes('hagersten-alvsjo')).toBe(true);
  });

  it('answers for itself through its last day and hands over to its successor the day after', async () => {
    const db = await freshDb();
    expect(await inForce(db, 'alvsjo', '2007-01-01')).toBe('alvsjo');
    expect(await inForce(db, 'alvsjo', '2019-12-31')).toBe('alvsjo');
    expect(await inForce(db, 'alvsjo', '2020-01-01')).toBe('hagersten-alvsjo');
  });

  it('follows a chain of successors to the district that exists on the day', async () => {
    const db = await freshDb();
    // Hägersten-Älvsjö merges in turn into Södra staden at the end of 2030.
    const [later] = await db
      .insert(districts)
      .values({ slug: 'sodra-staden', name: 'Södra staden', validFrom: '2031-01-01' })
      .returning({ id: districts.id });
    await db
      .update(districts)
      .set({ validTo: '2030-12-31', successorId: later!.id })
      .where(eq(districts.slug, 'hagersten-alvsjo'));
    expect(await inForce(db, 'alvsjo', '2030-12-31')).toBe('hagersten-alvsjo');
    expect(await inForce(db, 'alvsjo', '2031-01-01')).toBe('sodra-staden');
    expect(await inForce(db, 'hagersten-liljeholmen', '2031-01-01')).toBe('sodra-staden');
  });

  it('a district nobody took over stays itself, and a loop of successors made by mistake ends', () => {
    const ended = { id: 1, validFrom: '2007-01-01', validTo: '2019-12-31', successorId: null };
    expect(successorOn([ended], 1, '2026-03-02')).toBe(ended);
    const loop = [
      { id: 1, validFrom: '2007-01-01', validTo: '2019-12-31', successorId: 2 },
      { id: 2, validFrom: '2007-01-01', validTo: '2019-12-31', successorId: 1 },
    ];
    expect(successorOn(loop, 1, '2026-03-02')).not.toBeNull();
    expect(successorOn(loop, 3, '2026-03-02')).toBeNull();
  });
});

describe('districts in force', () => {
  it('a merged district hands over to its successor from the day after its last', async () => {
    const db = await freshDb();
    expect(await inForce(db, 'alvsjo', '2019-12-31')).toBe('alvsjo');
    expect(await inForce(db, 'alvsjo', '2020-01-01')).toBe('hagersten-alvsjo');
    expect(await inForce(db, 'rinkeby-kista', '2026-03-02')).toBe('jarva');
    expect(await inForce(db, 'sodermalm', '2026-03-02')).toBe('sodermalm');
    expect(await districtInForce({ db, districtId: 9999, day: '2026-03-02' })).toBeNull();
  });

  it('registration finds a district by slug only while it exists, on the Stockholm day', async () => {
    const db = await freshDb();
    expect(await findDistrictOn(db, 'alvsjo', new Date('2019-12-31T22:30:00Z'))).toMatchObject({ name: 'Älvsjö' });
    // 31 December 23:30 UTC is already 1 January in Stockholm: Älvsjö is gone.
    expect(await findDistrictOn(db, 'alvsjo', new Date('2019-12-31T23:30:00Z'))).toBeNull();
    expect(await findDistrictOn(db, 'hagersten-alvsjo', new Date('2026-03-02T09:00:00Z'))).toMatchObject({
      name: 'Hägersten-Älvsjö',
    });
    expect(await findDistrictOn(db, 'finns-inte', new Date('2026-03-02T09:00:00Z'))).toBeNull();
  });

  it('registration does not take a district before it exists', async () => {
    const db = await freshDb();
    // Järva was formed on 1 January 2023; in 2022 a school registered in Rinkeby-Kista.
    expect(await findDistrictOn(db, 'jarva', new Date('2022-06-01T09:00:00Z'))).toBeNull();
    expect(
      (await listCurrentDistricts({ db, today: new Date('2022-06-01T09:00:00Z') })).map((d) => d.slug),
    ).not.toContain('jarva');
  });

  it('a school registered before a merger starts its agreement with the successor', async () => {
    const db = await freshDb();
    const { school, principal } = await registeredSchool(db, {
      district: 'alvsjo',
      now: new Date('2019-06-03T09:00:00Z'),
    });
    const { agreementId } = await startAgreement({
      db,
      user: principal!,
      schoolId: school.id,
      now: new Date('2026-03-02T09:00:00Z'),
    });
    expect(await agreementRow(db, agreementId)).toMatchObject({
      districtId: await idOf(db, 'hagersten-alvsjo'),
      districtName: 'Hägersten-Älvsjö',
    });
  });
});

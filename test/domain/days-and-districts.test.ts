import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../functions/db/client';
import { districts } from '../../functions/db/schema';
import { validityFrom } from '../../functions/domain/agreements/confirm-sign-off';
import { startAgreement } from '../../functions/domain/agreements/start-agreement';
import { districtInForce, listCurrentDistricts } from '../../functions/domain/districts';
import { findCurrentDistrict } from '../../functions/domain/registration';
import { domainDatabases } from '../support/domain-db';
import { agreementRow, confirmedAgreement, registeredSchool } from '../support/domain-flows';

// Rules that turn on the day: validity counts Stockholm days, and a district takes new schools
// and agreements only while it exists (after a merger, its successor does).

const freshDb = domainDatabases();

const idOf = async (db: Db, slug: string) => (await db.select({ id: districts.id }).from(districts).where(eq(districts.slug, slug)))[0]!.id;
const inForce = async (db: Db, slug: string, day: string) => (await districtInForce({ db, districtId: await idOf(db, slug), day }))?.slug ?? null;

describe('validity in Stockholm days', () => {
  it('runs from the Stockholm day of confirmation for one year', () => {
    // 00:30 in Stockholm is still the previous day in UTC, in winter (CET) and in summer (CEST).
    expect(validityFrom(new Date('2026-11-29T23:30:00Z'))).toEqual({ validFrom: '2026-11-30', validTo: '2027-11-29' });
    expect(validityFrom(new Date('2026-06-30T22:30:00Z'))).toEqual({ validFrom: '2026-07-01', validTo: '2027-06-30' });
    expect(validityFrom(new Date('2026-12-31T22:59:59Z'))).toEqual({ validFrom: '2026-12-31', validTo: '2027-12-30' });
  });

  it('an agreement confirmed at 00:30 Swedish time is valid from that day', async () => {
    const db = await freshDb();
    const { agreementId } = await confirmedAgreement(db, { district: 'bromma', now: new Date('2026-11-29T12:00:00Z'), confirmedAt: new Date('2026-11-29T23:30:00Z') });
    expect(await agreementRow(db, agreementId)).toMatchObject({ validFrom: '2026-11-30', validTo: '2027-11-29' });
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
    expect(await findCurrentDistrict(db, 'alvsjo', new Date('2019-12-31T22:30:00Z'))).toMatchObject({ name: 'Älvsjö' });
    // 31 December 23:30 UTC is already 1 January in Stockholm: Älvsjö is gone.
    expect(await findCurrentDistrict(db, 'alvsjo', new Date('2019-12-31T23:30:00Z'))).toBeNull();
    expect(await findCurrentDistrict(db, 'hagersten-alvsjo', new Date('2026-03-02T09:00:00Z'))).toMatchObject({ name: 'Hägersten-Älvsjö' });
    expect(await findCurrentDistrict(db, 'finns-inte', new Date('2026-03-02T09:00:00Z'))).toBeNull();
  });

  it('registration does not take a district before it exists', async () => {
    const db = await freshDb();
    // Järva was formed on 1 January 2023; in 2022 a school registered in Rinkeby-Kista.
    expect(await findCurrentDistrict(db, 'jarva', new Date('2022-06-01T09:00:00Z'))).toBeNull();
    expect((await listCurrentDistricts({ db, today: new Date('2022-06-01T09:00:00Z') })).map((d) => d.slug)).not.toContain('jarva');
  });

  it('a school registered before a merger starts its agreement with the successor', async () => {
    const db = await freshDb();
    const { school, principal } = await registeredSchool(db, { district: 'alvsjo', now: new Date('2019-06-03T09:00:00Z') });
    const { agreementId } = await startAgreement({ db, user: principal!, schoolId: school.id, now: new Date('2026-03-02T09:00:00Z') });
    expect(await agreementRow(db, agreementId)).toMatchObject({ districtId: await idOf(db, 'hagersten-alvsjo'), districtName: 'Hägersten-Älvsjö' });
  });
});

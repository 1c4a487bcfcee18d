import { describe, expect, it } from 'vitest';
import { cityName, computeIndicator, getIndicator } from '../../functions/domain/indicator';
import { saveFollowUp } from '../../functions/domain/follow-ups';
import { domainDatabases } from '../support/domain-db';
import {
  confirmedAgreement,
  followUpAnswers,
  registeredSchool,
  schoolWithDraft,
  signAsSchool,
} from '../support/domain-flows';

// The participation indicator: per district and for the city, counted on the Stockholm day and
// year it is computed, from the register as it stands.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');

type Row = NonNullable<Awaited<ReturnType<typeof getIndicator>>>['rows'][number];
const counts = (rows: Row[], district: string) => {
  const row = rows.find((r) => r.districtName === district && r.kind === 'fristaende');
  return (
    row && {
      registered: row.registered,
      withValidAgreement: row.withValidAgreement,
      awaiting: row.awaiting,
      followUpsDone: row.followUpsDone,
    }
  );
};

describe('the indicator', () => {
  it('counts verified schools, valid agreements, waiting sign-offs and this year’s follow-ups', async () => {
    const db = await freshDb();
    const valid = await confirmedAgreement(db, { district: 'bromma', now });
    await confirmedAgreement(db, { district: 'bromma', now });
    const waiting = await schoolWithDraft(db, { district: 'bromma', now });
    await signAsSchool(db, waiting.principal, waiting.agreementId, now);
    await registeredSchool(db, { district: 'bromma', now });
    await registeredSchool(db, { district: 'bromma', now, verified: false });
    const answers = await followUpAnswers(db);
    await saveFollowUp({ db, user: valid.principal, agreementId: valid.agreementId, answers, submit: true, now });
    await saveFollowUp({ db, user: valid.officer, agreementId: valid.agreementId, answers, submit: true, now });

    await computeIndicator({ db, now });
    const indicator = await getIndicator({ db });
    expect(indicator?.takenOn).toBe('2026-03-02');
    expect(counts(indicator!.rows, 'Bromma')).toEqual({
      registered: 4,
      withValidAgreement: 2,
      awaiting: 1,
      followUpsDone: 1,
    });
    expect(counts(indicator!.rows, cityName)).toEqual({
      registered: 4,
      withValidAgreement: 2,
      awaiting: 1,
      followUpsDone: 1,
    });
    expect(counts(indicator!.rows, 'Farsta')).toEqual({
      registered: 0,
      withValidAgreement: 0,
      awaiting: 0,
      followUpsDone: 0,
    });
    // Districts that no longer exist are not listed.
    expect(indicator!.rows.map((r) => r.districtName)).not.toContain('Älvsjö');
  });

  it('stops counting an agreement after its last day and a follow-up in the next year', async () => {
    const db = await freshDb();
    const { principal, officer, agreementId } = await confirmedAgreement(db, { district: 'farsta', now });
    const answers = await followUpAnswers(db);
    await saveFollowUp({ db, user: principal, agreementId, answers, submit: true, now });
    await saveFollowUp({ db, user: officer, agreementId, answers, submit: true, now });
    // Valid to 1 March 2027; 00:30 on 2 March in Stockholm is already after it.
    await computeIndicator({ db, now: new Date('2027-03-01T23:30:00Z') });
    const after = await getIndicator({ db });
    expect(after?.takenOn).toBe('2027-03-02');
    expect(counts(after!.rows, 'Farsta')).toEqual({
      registered: 1,
      withValidAgreement: 0,
      awaiting: 0,
      followUpsDone: 0,
    });
  });

  it('counts a school registered in a district since merged for its successor', async () => {
    const db = await freshDb();
    await registeredSchool(db, { district: 'alvsjo', now: new Date('2019-06-03T09:00:00Z') });
    await computeIndicator({ db, now });
    expect(counts((await getIndicator({ db }))!.rows, 'Hägersten-Älvsjö')).toMatchObject({ registered: 1 });
  });

  it('keeps one snapshot per day and the city’s trend by its last snapshot of each year', async () => {
    const db = await freshDb();
    await computeIndicator({ db, now: new Date('2025-12-31T09:00:00Z') });
    await registeredSchool(db, { now });
    await computeIndicator({ db, now });
    await computeIndicator({ db, now });
    const indicator = await getIndicator({ db });
    expect(indicator!.rows.filter((r) => r.districtName === cityName)).toHaveLength(2);
    expect(indicator!.trend.map((r) => [r.year, r.takenOn, r.kind, r.registered]).sort()).toEqual([
      [2025, '2025-12-31', 'fristaende', 0],
      [2025, '2025-12-31', 'kommunal', 0],
      [2026, '2026-03-02', 'fristaende', 1],
      [2026, '2026-03-02', 'kommunal', 0],
    ]);
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { followUps } from '../../functions/db/schema';
import { reviseAgreement } from '../../functions/domain/agreements/revise-agreement';
import { getFollowUp, listDistrictFollowUps, remindFollowUps, saveFollowUp } from '../../functions/domain/follow-ups';
import { addDays } from '../../functions/domain/time';
import { messages } from '../../functions/messages';
import { domainDatabases } from '../support/domain-db';
import {
  confirmAsDistrict,
  confirmedAgreement,
  followUpAnswers,
  lettersTo,
  officerOf,
  origin,
  schoolWithDraft,
  signAsSchool,
  traces,
} from '../support/domain-flows';

// The follow-up belongs to the school and the Stockholm year it is made in: each side submits
// once, a revision never leaves it behind, and the reminders come when it opens.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');

describe('the yearly follow-up', () => {
  it('each side saves a draft, then submits once; after both it is done', async () => {
    const db = await freshDb();
    const { principal, officer, agreementId } = await confirmedAgreement(db, { district: 'jarva', now });
    const answers = await followUpAnswers(db);
    await saveFollowUp({ db, user: principal, agreementId, answers: { ...answers, rating: null }, submit: false, now });
    expect((await getFollowUp({ db, user: principal, agreementId, now })).state).toBe('not-open');
    await saveFollowUp({ db, user: principal, agreementId, answers, submit: true, now });
    expect((await getFollowUp({ db, user: officer, agreementId, now })).state).toBe('school-done');
    const submitted = await traces(db);
    await expect(
      saveFollowUp({ db, user: principal, agreementId, answers: { ...answers, rating: 1 }, submit: true, now }),
    ).rejects.toMatchObject({ code: 'FOLLOW_UP_CLOSED' });
    await expect(
      saveFollowUp({ db, user: principal, agreementId, answers: { ...answers, rating: 1 }, submit: false, now }),
    ).rejects.toMatchObject({ code: 'FOLLOW_UP_CLOSED' });
    expect(await traces(db)).toEqual(submitted);

    await saveFollowUp({ db, user: officer, agreementId, answers: { ...answers, rating: 3 }, submit: true, now });
    const [row] = await db.select().from(followUps).where(eq(followUps.agreementId, agreementId));
    expect(row).toMatchObject({ year: 2026, school: { rating: 4 }, district: { rating: 3 } });
    expect((await getFollowUp({ db, user: principal, agreementId, now })).state).toBe('done');
  });

  it('is only for a confirmed agreement, and only for its own school and district', async () => {
    const db = await freshDb();
    const draft = await schoolWithDraft(db, { now });
    const mine = await confirmedAgreement(db, { district: 'bromma', now });
    const before = await traces(db);
    const answers = await followUpAnswers(db);
    await expect(
      saveFollowUp({ db, user: draft.principal, agreementId: draft.agreementId, answers, submit: false, now }),
    ).rejects.toMatchObject({ code: 'NO_FOLLOW_UP' });
    await expect(
      saveFollowUp({ db, user: draft.principal, agreementId: mine.agreementId, answers, submit: false, now }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      saveFollowUp({
        db,
        user: await officerOf(db, 'farsta'),
        agreementId: mine.agreementId,
        answers,
        submit: false,
        now,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await traces(db)).toEqual(before);
  });

  it('made at 00:30 on New Year’s Day in Stockholm belongs to the new year', async () => {
    const db = await freshDb();
    const { principal, agreementId, school } = await confirmedAgreement(db, { district: 'hagersten-alvsjo', now });
    await saveFollowUp({
      db,
      user: principal,
      agreementId,
      answers: await followUpAnswers(db),
      submit: true,
      now: new Date('2026-12-31T23:30:00Z'),
    });
    const [row] = await db.select().from(followUps).where(eq(followUps.schoolId, school.id));
    expect(row?.year).toBe(2027);
  });

  it('a revision carries the year’s follow-up: it stays done and closed', async () => {
    const db = await freshDb();
    const { principal, officer, agreementId } = await confirmedAgreement(db, { district: 'farsta', now });
    const answers = await followUpAnswers(db);
    await saveFollowUp({ db, user: principal, agreementId, answers, submit: true, now });
    await saveFollowUp({ db, user: officer, agreementId, answers, submit: true, now });
    const later = new Date('2026-05-04T09:00:00Z');
    const { agreementId: revisionId } = await reviseAgreement({ db, user: principal, agreementId, now: later });
    await signAsSchool(db, principal, revisionId, later);
    await confirmAsDistrict(db, officer, revisionId, later);
    expect(await getFollowUp({ db, user: principal, agreementId: revisionId, now: later })).toMatchObject({
      state: 'done',
      year: 2026,
    });
    await expect(
      saveFollowUp({ db, user: principal, agreementId: revisionId, answers, submit: true, now: later }),
    ).rejects.toMatchObject({ code: 'FOLLOW_UP_CLOSED' });
    const listed = await listDistrictFollowUps({ db, districtId: officer.memberships[0]!.districtId!, now: later });
    expect(listed.map((r) => [r.agreementId, r.state])).toEqual([[revisionId, 'done']]);
  });
});

describe('follow-up reminders on a moved clock', () => {
  it('open 60 days before the last day, then come at most every 14 days until it is done', async () => {
    const db = await freshDb();
    const { input, agreementId, principal } = await confirmedAgreement(db, { district: 'hasselby-vallingby', now });
    // Confirmed 2 March 2026: valid to 1 March 2027, so the follow-up opens on 31 December 2026.
    const lastDay = new Date('2027-03-01T06:00:00Z');
    const reminders = async () => (await lettersTo(db, input.contactEmail, messages.mail.followUpSubject)).length;
    expect(await remindFollowUps({ db, now: addDays(lastDay, -61), origin })).toBe(0);
    expect((await getFollowUp({ db, user: principal, agreementId, now: addDays(lastDay, -61) })).state).toBe(
      'not-open',
    );
    expect(await remindFollowUps({ db, now: addDays(lastDay, -59), origin })).toBe(1);
    expect((await getFollowUp({ db, user: principal, agreementId, now: addDays(lastDay, -59) })).state).toBe('missing');
    expect(await remindFollowUps({ db, now: addDays(lastDay, -50), origin })).toBe(0);
    expect(await reminders()).toBe(1);
    expect(await remindFollowUps({ db, now: addDays(lastDay, -44), origin })).toBe(1);
    expect(await reminders()).toBe(2);
    // Once both sides have answered this year, nobody is reminded.
    const answers = await followUpAnswers(db);
    const officer = await officerOf(db, 'hasselby-vallingby');
    await saveFollowUp({ db, user: principal, agreementId, answers, submit: true, now: addDays(lastDay, -40) });
    await saveFollowUp({ db, user: officer, agreementId, answers, submit: true, now: addDays(lastDay, -40) });
    expect(await remindFollowUps({ db, now: addDays(lastDay, -20), origin })).toBe(0);
  });
});

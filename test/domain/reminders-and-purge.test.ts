import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schools, sessions, signInTokens, users } from '../../functions/db/schema';
import { startPrincipalHandover } from '../../functions/domain/principal-handover';
import { purgeExpired } from '../../functions/domain/purge';
import { runAgreementReminders } from '../../functions/domain/reminders';
import { requestSignIn, spendSignInToken } from '../../functions/domain/sign-in';
import { addDays } from '../../functions/domain/time';
import { messages } from '../../functions/messages';
import { domainDatabases } from '../support/domain-db';
import {
  agreementRow,
  confirmedAgreement,
  eventsOf,
  lettersTo,
  mailedToken,
  origin,
  registeredSchool,
  schoolWithDraft,
  signAsSchool,
} from '../support/domain-flows';

// What the daily cron does, on a clock moved to the days that matter.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');

describe('agreement reminders', () => {
  it('remind the school 30 and 7 days before the last day, once each, then mark the agreement expired', async () => {
    const db = await freshDb();
    const { agreementId, input } = await confirmedAgreement(db, { district: 'hasselby-vallingby', now });
    // Valid 2 March 2026 to 1 March 2027.
    const lastDay = new Date('2027-03-01T03:00:00Z');
    const count = async (subject: string) => (await lettersTo(db, input.contactEmail, subject)).length;
    const run = (days: number) => runAgreementReminders({ db, now: addDays(lastDay, days), origin });

    expect(await run(-31)).toEqual({ expired: 0, reminded: 0, districtsReminded: 0 });
    expect(await run(-30)).toMatchObject({ reminded: 1 });
    expect(await run(-29)).toMatchObject({ reminded: 0 });
    expect(await count(messages.mail.expiringSubject(30))).toBe(1);
    expect(await run(-7)).toMatchObject({ reminded: 1 });
    expect(await run(-6)).toMatchObject({ reminded: 0 });
    expect(await count(messages.mail.expiringSubject(7))).toBe(1);
    // The last day itself is still valid; the day after it has expired.
    expect(await run(0)).toMatchObject({ expired: 0 });
    expect(await run(1)).toMatchObject({ expired: 1 });
    expect((await agreementRow(db, agreementId))?.status).toBe('expired');
    expect(await count(messages.mail.expiredSubject)).toBe(1);
    expect(await run(2)).toEqual({ expired: 0, reminded: 0, districtsReminded: 0 });
  });

  it('remind the district of a sign-off waiting more than 14 days, at most weekly', async () => {
    const db = await freshDb();
    const { principal, agreementId } = await schoolWithDraft(db, { district: 'enskede-arsta-vantor', now });
    await signAsSchool(db, principal, agreementId, now);
    const officer = 'handlaggare.enskede-arsta-vantor@stockholm.example';
    const run = (days: number) => runAgreementReminders({ db, now: addDays(now, days), origin });
    expect(await run(14)).toMatchObject({ districtsReminded: 0 });
    expect(await run(15)).toMatchObject({ districtsReminded: 1 });
    expect(await run(21)).toMatchObject({ districtsReminded: 0 });
    expect(await run(23)).toMatchObject({ districtsReminded: 1 });
    expect(await lettersTo(db, officer, messages.mail.waitingSubject)).toHaveLength(2);
  });

  it('a quiet day writes nothing, not even an audit event', async () => {
    const db = await freshDb();
    await confirmedAgreement(db, { now });
    expect(await runAgreementReminders({ db, now: addDays(now, 1), origin })).toEqual({
      expired: 0,
      reminded: 0,
      districtsReminded: 0,
    });
    expect(await eventsOf(db, 'reminders.ran')).toEqual([]);
  });
});

describe('the purge', () => {
  it('removes a registration never verified after 30 days, with its addresses, and keeps verified ones', async () => {
    const db = await freshDb();
    const stale = await registeredSchool(db, { now, verified: false });
    const verified = await registeredSchool(db, { now });
    const fresh = await registeredSchool(db, { now: addDays(now, 10), verified: false });

    expect(await purgeExpired({ db, now: addDays(now, 29) })).toMatchObject({ registrations: 0 });
    expect(await purgeExpired({ db, now: addDays(now, 31) })).toMatchObject({ registrations: 1 });
    const left = (await db.select({ code: schools.schoolUnitCode }).from(schools)).map((s) => s.code);
    expect(left.sort()).toEqual([verified.input.schoolUnitCode, fresh.input.schoolUnitCode].sort());
    expect(await db.select().from(users).where(eq(users.email, stale.input.principalEmail))).toEqual([]);
    expect(await db.select().from(users).where(eq(users.email, verified.input.principalEmail))).toHaveLength(1);
    expect(await eventsOf(db, 'purge.ran')).toHaveLength(2);
  });

  it('removes sign-in links and sessions once expired, and nothing before', async () => {
    const db = await freshDb();
    const { input } = await registeredSchool(db, { now });
    await requestSignIn({ db, email: input.principalEmail, origin, now });
    const { expiresAt } = await spendSignInToken({ db, token: await mailedToken(db, input.principalEmail), now });
    await requestSignIn({ db, email: input.principalEmail, origin, now });
    const sessionsBefore = (await db.select().from(sessions)).length;
    expect(await purgeExpired({ db, now })).toMatchObject({ tokens: 0, sessions: 0 });
    expect(await purgeExpired({ db, now: new Date(Date.parse(expiresAt) + 1000) })).toMatchObject({
      tokens: 3,
      sessions: sessionsBefore,
    });
    expect(await db.select().from(signInTokens)).toEqual([]);
    expect(await db.select().from(sessions)).toEqual([]);
  });

  // A hand-over's new principal has no role and was never verified for the week it runs: the
  // purge must leave them (and, by cascade, their link) alone while the link lives.
  it('leaves a pending hand-over’s new principal and their link alone', async () => {
    const db = await freshDb();
    const { school, principal } = await registeredSchool(db, { now });
    await startPrincipalHandover({
      db,
      user: principal!,
      schoolId: school.id,
      input: { principalName: 'Ny Rektor', principalEmail: 'ny.rektor@skola.example' },
      origin,
      now,
    });
    const token = await mailedToken(db, 'ny.rektor@skola.example');
    await purgeExpired({ db, now: addDays(now, 1) });
    const spent = await spendSignInToken({ db, token, now: addDays(now, 2) });
    expect(spent.sessionToken).toBeTruthy();
  });
});

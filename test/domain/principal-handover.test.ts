import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, principalHandovers, schools, sessions, users } from '../../functions/db/schema';
import { officerEmail } from '../../functions/db/seed-accounts';
import { handoverMinutes, startPrincipalHandover } from '../../functions/domain/principal-handover';
import { requestSignIn, spendSignInToken, tokenMinutes } from '../../functions/domain/sign-in';
import { addMinutes } from '../../functions/domain/time';
import { messages } from '../../functions/messages';
import type { Db } from '../../functions/db/client';
import { domainDatabases } from '../support/domain-db';
import {
  coordinatorOf,
  eventsOf,
  lettersTo,
  mailedToken,
  origin,
  registeredSchool,
  traces,
  userOf,
} from '../support/domain-flows';

// Sign-in links are spent once, before they expire; a change of principal takes effect only when
// the new principal spends their own link, and never makes one person both school and city.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');

const rolesAt = async (db: Db, email: string, schoolId: number) =>
  (
    await db
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, email), eq(memberships.schoolId, schoolId)))
  ).map((r) => r.role);

describe('a sign-in link', () => {
  it('opens one session, once, and only before it expires', async () => {
    const db = await freshDb();
    const { input } = await registeredSchool(db, { now });
    await requestSignIn({ db, email: input.principalEmail, origin, now });
    const token = await mailedToken(db, input.principalEmail);
    const spent = await Promise.allSettled([
      spendSignInToken({ db, token, now }),
      spendSignInToken({ db, token, now }),
    ]);
    expect(spent.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const before = await traces(db);
    await expect(spendSignInToken({ db, token, now })).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await traces(db)).toEqual(before);

    await requestSignIn({ db, email: input.principalEmail, origin, now });
    const late = await mailedToken(db, input.principalEmail);
    await expect(spendSignInToken({ db, token: late, now: addMinutes(now, tokenMinutes + 1) })).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect(await spendSignInToken({ db, token: late, now: addMinutes(now, tokenMinutes - 1) })).toMatchObject({
      sessionToken: expect.any(String),
    });
  });

  it('to an unknown address opens nothing', async () => {
    const db = await freshDb();
    await requestSignIn({ db, email: 'okand@skola.example', origin, now });
    const [letter] = await lettersTo(db, 'okand@skola.example');
    expect(letter?.subject).toBe(messages.mail.unknownSubject);
    expect(await db.select().from(sessions)).toEqual([]);
  });

  it('verifies the school when its principal first signs in', async () => {
    const db = await freshDb();
    const { school } = await registeredSchool(db, { now });
    expect(school).toMatchObject({ status: 'active', verifiedAt: now.toISOString() });
  });
});

describe('the change of principal', () => {
  it('takes effect when the new principal signs in; the old one is told at the start and at the end', async () => {
    const db = await freshDb();
    const { school, principal, input } = await registeredSchool(db, { district: 'farsta', now });
    const next = 'ny.rektor@skola.example';
    await startPrincipalHandover({
      db,
      user: principal!,
      schoolId: school.id,
      input: { principalName: 'Björn Ek', principalEmail: next },
      origin,
      now,
    });
    expect(await rolesAt(db, input.principalEmail, school.id)).toEqual(['principal']);
    expect(await lettersTo(db, input.principalEmail, messages.mail.handoverStartedSubject(school.name))).toHaveLength(
      1,
    );

    const later = addMinutes(now, 60);
    await spendSignInToken({ db, token: await mailedToken(db, next), now: later });
    expect((await db.select().from(schools).where(eq(schools.id, school.id)))[0]).toMatchObject({
      principalEmail: next,
      principalName: 'Björn Ek',
    });
    expect(await rolesAt(db, next, school.id)).toEqual(['principal']);
    expect(await rolesAt(db, input.principalEmail, school.id)).toEqual([]);
    expect(await lettersTo(db, input.principalEmail, messages.mail.handoverDoneSubject(school.name))).toHaveLength(1);
    const [changed] = await eventsOf(db, 'school.principal_changed');
    expect(changed?.data).toMatchObject({ from: input.principalEmail, to: next, startedBy: principal!.userId });
    expect((await db.select().from(principalHandovers))[0]).toMatchObject({
      status: 'accepted',
      closedAt: later.toISOString(),
    });
  });

  it('is the principal’s or the coordinator’s to start: the function mailbox is refused and nothing is written', async () => {
    const db = await freshDb();
    const { school, input } = await registeredSchool(db, { now });
    const contact = await userOf(db, input.contactEmail);
    const other = await registeredSchool(db, { now });
    const before = await traces(db);
    const to = { principalName: 'Kansliet', principalEmail: input.contactEmail };
    await expect(
      startPrincipalHandover({ db, user: contact, schoolId: school.id, input: to, origin, now }),
    ).rejects.toMatchObject({ code: 'PRINCIPAL_ONLY' });
    await expect(
      startPrincipalHandover({ db, user: other.principal!, schoolId: school.id, input: to, origin, now }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      startPrincipalHandover({
        db,
        user: await userOf(db, input.principalEmail),
        schoolId: school.id,
        input: { principalName: 'Samma', principalEmail: input.principalEmail },
        origin,
        now,
      }),
    ).rejects.toMatchObject({
      code: 'HANDOVER_SAME_PRINCIPAL',
    });
    expect(await traces(db)).toEqual(before);
  });

  it('a newer hand-over replaces one never accepted, whose link then changes nothing', async () => {
    const db = await freshDb();
    const { school } = await registeredSchool(db, { now });
    const coordinator = await coordinatorOf(db);
    await startPrincipalHandover({
      db,
      user: coordinator,
      schoolId: school.id,
      input: { principalName: 'Första', principalEmail: 'forsta@skola.example' },
      origin,
      now,
    });
    const firstToken = await mailedToken(db, 'forsta@skola.example');
    await startPrincipalHandover({
      db,
      user: coordinator,
      schoolId: school.id,
      input: { principalName: 'Andra', principalEmail: 'andra@skola.example' },
      origin,
      now: addMinutes(now, 5),
    });
    const before = await traces(db);
    await expect(spendSignInToken({ db, token: firstToken, now: addMinutes(now, 10) })).rejects.toMatchObject({
      code: 'HANDOVER_INVALID',
    });
    expect(await traces(db)).toEqual(before);
    expect(await rolesAt(db, 'forsta@skola.example', school.id)).toEqual([]);
    await spendSignInToken({ db, token: await mailedToken(db, 'andra@skola.example'), now: addMinutes(now, 10) });
    expect(await rolesAt(db, 'andra@skola.example', school.id)).toEqual(['principal']);
  });

  it('expires after a week', async () => {
    const db = await freshDb();
    const { school, principal } = await registeredSchool(db, { now });
    await startPrincipalHandover({
      db,
      user: principal!,
      schoolId: school.id,
      input: { principalName: 'Sen', principalEmail: 'sen@skola.example' },
      origin,
      now,
    });
    const before = await traces(db);
    await expect(
      spendSignInToken({
        db,
        token: await mailedToken(db, 'sen@skola.example'),
        now: addMinutes(now, handoverMinutes + 1),
      }),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await traces(db)).toEqual(before);
    expect(await rolesAt(db, 'sen@skola.example', school.id)).toEqual([]);
  });

  it('never hands the school to someone on the city’s side, at the start or at the link', async () => {
    const db = await freshDb();
    const { school, principal } = await registeredSchool(db, { district: 'bromma', now });
    const before = await traces(db);
    await expect(
      startPrincipalHandover({
        db,
        user: principal!,
        schoolId: school.id,
        input: { principalName: 'Handläggaren', principalEmail: officerEmail('bromma') },
        origin,
        now,
      }),
    ).rejects.toMatchObject({
      code: 'CITY_ROLE_CONFLICT',
    });
    expect(await traces(db)).toEqual(before);

    // The new principal becomes an officer after the hand-over started: the link is refused.
    const next = 'blir.handlaggare@stockholm.example';
    await startPrincipalHandover({
      db,
      user: principal!,
      schoolId: school.id,
      input: { principalName: 'Snart Handläggare', principalEmail: next },
      origin,
      now,
    });
    const nextUser = await userOf(db, next);
    await db.insert(memberships).values({
      userId: nextUser.userId,
      role: 'officer',
      districtId: school.districtId,
      createdAt: now.toISOString(),
    });
    const started = await traces(db);
    await expect(spendSignInToken({ db, token: await mailedToken(db, next), now })).rejects.toMatchObject({
      code: 'CITY_ROLE_CONFLICT',
    });
    expect(await traces(db)).toEqual(started);
    expect(await rolesAt(db, next, school.id)).toEqual([]);
  });
});

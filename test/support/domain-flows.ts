import { renderMail } from '../../functions/domain/mail';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../functions/db/client';
import {
  agreements,
  auditEvents,
  followUps,
  memberships,
  outbox,
  principalHandovers,
  schools,
  sessions,
  signatures,
  users,
} from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { confirmSignOff } from '../../functions/domain/agreements/confirm-sign-off';
import { loadAgreementDocument } from '../../functions/domain/agreements/load-agreement';
import { saveDraft } from '../../functions/domain/agreements/save-draft';
import { signAgreement } from '../../functions/domain/agreements/sign-agreement';
import { startAgreement } from '../../functions/domain/agreements/start-agreement';
import { registerSchool } from '../../functions/domain/registration';
import { spendSignInToken, type SessionUser } from '../../functions/domain/sign-in';
import { getCurrentTemplate } from '../../functions/domain/templates';
import type { AgreementAdditions, FollowUpAnswers } from '../../functions/db/schema';
import { registrationSchema } from '../../functions/validation/registration';
import { validRegistration } from './client';

// The steps of the domain tests, through the same domain functions the API calls, each at the
// moment the test gives it.

export const origin = 'http://portal.test';

/** The signed-in user behind an address, as `getSessionUser` would build it. */
export async function userOf(db: Db, email: string): Promise<SessionUser> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) throw new Error(`Ingen användare ${email}`);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: await db.select().from(memberships).where(eq(memberships.userId, user.id)),
  };
}

export const officerOf = (db: Db, slug: string) => userOf(db, officerEmail(slug));
export const coordinatorOf = (db: Db) => userOf(db, coordinatorEmail);

/** The token of the newest sign-in link mailed to an address. */
export async function mailedToken(db: Db, to: string): Promise<string> {
  const letters = await Promise.all(
    (await db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.id))).map(renderMail),
  );
  const link = letters.flatMap((m) => m.links).find((l) => l.includes('/logga-in/bekrafta?token='));
  if (!link) throw new Error(`Ingen inloggningslänk till ${to}`);
  return new URL(link).searchParams.get('token') ?? '';
}

/** Registers an independent school; unless `verified` is false, its principal spends the link. */
export async function registeredSchool(
  db: Db,
  {
    district = 'sodermalm',
    now,
    verified = true,
    overrides = {},
  }: { district?: string; now: Date; verified?: boolean; overrides?: Record<string, string> },
) {
  const input = registrationSchema.parse(validRegistration({ district, ...overrides }));
  await registerSchool({ db, input, registerCheck: 'verified', origin, now });
  if (verified) await spendSignInToken({ db, token: await mailedToken(db, input.principalEmail), now });
  const [school] = await db.select().from(schools).where(eq(schools.schoolUnitCode, input.schoolUnitCode));
  if (!school) throw new Error('Skolan finns inte');
  return { school, input, principal: verified ? await userOf(db, input.principalEmail) : null };
}

/** Every local addition of the current template filled in. */
export async function filledAdditions(db: Db): Promise<AgreementAdditions> {
  const template = await getCurrentTemplate({ db });
  if (!template) throw new Error('Ingen mall');
  return {
    sections: Object.fromEntries(
      template.content.sections
        .filter((s) => s.localAddition)
        .map((s) => [s.id, `Lokalt för ${s.id}: mottagningsfunktionen och elevhälsan.`]),
    ),
    meetings: {},
  };
}

/** Answers to this year's follow-up questions. */
export async function followUpAnswers(db: Db, rating = 4): Promise<FollowUpAnswers> {
  const t = (await getCurrentTemplate({ db }))!.content;
  return {
    meetingsHeld: Object.fromEntries(t.meetings.map((m) => [m.id, 2])),
    functionsPresent: t.requiredFunctions.slice(0, 2).map((f) => f.id),
    worked: 'Mötena hölls.',
    develop: 'Mer elevhälsa.',
    rating,
  };
}

export const sha256Of = async (db: Db, agreementId: number) =>
  (await loadAgreementDocument({ db, agreementId })).sha256;

/** A verified school with a draft whose additions are all filled in. */
export async function schoolWithDraft(db: Db, { district = 'sodermalm', now }: { district?: string; now: Date }) {
  const registered = await registeredSchool(db, { district, now });
  const principal = registered.principal!;
  const { agreementId } = await startAgreement({ db, user: principal, schoolId: registered.school.id, now });
  await saveDraft({ db, user: principal, agreementId, values: await filledAdditions(db), now });
  return { ...registered, principal, agreementId };
}

export const signAsSchool = async (db: Db, principal: SessionUser, agreementId: number, now: Date) =>
  signAgreement({
    db,
    user: principal,
    agreementId,
    fullName: 'Åsa Öberg',
    shownSha256: await sha256Of(db, agreementId),
    origin,
    now,
  });

export const confirmAsDistrict = async (db: Db, officer: SessionUser, agreementId: number, now: Date) =>
  confirmSignOff({
    db,
    user: officer,
    agreementId,
    fullName: 'Karin Handläggare',
    shownSha256: await sha256Of(db, agreementId),
    origin,
    now,
  });

/** A school whose agreement the school signed at `now` and the district confirmed at `confirmedAt`. */
export async function confirmedAgreement(
  db: Db,
  { district = 'sodermalm', now, confirmedAt = now }: { district?: string; now: Date; confirmedAt?: Date },
) {
  const school = await schoolWithDraft(db, { district, now });
  await signAsSchool(db, school.principal, school.agreementId, now);
  const officer = await officerOf(db, district);
  await confirmAsDistrict(db, officer, school.agreementId, confirmedAt);
  return { ...school, officer };
}

export const agreementRow = async (db: Db, id: number) =>
  (await db.select().from(agreements).where(eq(agreements.id, id)))[0];

export const lettersTo = async (db: Db, to: string, subject?: string) =>
  db
    .select()
    .from(outbox)
    .where(subject ? and(eq(outbox.to, to), eq(outbox.subject, subject)) : eq(outbox.to, to));

export const eventsOf = async (db: Db, action: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.action, action));

/** How many rows each table a domain action may write holds: a refused action leaves these as they were. */
export async function traces(db: Db) {
  const tables = {
    agreements,
    signatures,
    outbox,
    auditEvents,
    sessions,
    followUps,
    principalHandovers,
    memberships,
    schools,
    users,
  };
  const columns = Object.entries(tables).map(
    ([name, table]) => sql`(select count(*) from ${table}) as ${sql.identifier(name)}`,
  );
  const [row] = await db.all<Record<keyof typeof tables, number>>(sql`select ${sql.join(columns, sql`, `)}`);
  if (!row) throw new Error('Inga antal');
  return row;
}

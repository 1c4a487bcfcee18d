import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, followUps, schools, type FollowUpAnswers } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { loadAgreementDocument } from './agreements/load-agreement';
import { isOfficerOf, isSchoolMember } from './access';
import { commitWithAudit } from './audit';
import { queueMail } from './mail';
import type { SessionUser } from './sign-in';
import { addDays, iso, stockholmDayPlus } from './time';

export type Side = 'school' | 'district';
/** The follow-up opens 60 days before the agreement's last day, ahead of the revision. */
export const opensDaysBefore = 60;

/** Which side the user answers for, or FORBIDDEN. */
function sideOf(user: SessionUser, schoolId: number, districtId: number): Side {
  if (isSchoolMember(user, schoolId)) return 'school';
  if (isOfficerOf(user, districtId)) return 'district';
  throw new AppError('FORBIDDEN');
}

export async function getFollowUp({ db, user, agreementId }: { db: Db; user: SessionUser; agreementId: number }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  const side = sideOf(user, doc.school.id, doc.agreement.districtId);
  const [followUp] = await db.select().from(followUps).where(eq(followUps.agreementId, agreementId)).limit(1);
  return { doc, side, followUp: followUp ?? null };
}

/** Saves one side's answers as a draft, or submits them (then they are final). */
export async function saveFollowUp({ db, user, agreementId, answers, submit, now }: { db: Db; user: SessionUser; agreementId: number; answers: FollowUpAnswers; submit: boolean; now: Date }) {
  const { doc, side, followUp } = await getFollowUp({ db, user, agreementId });
  if (doc.agreement.status !== 'confirmed' && doc.agreement.status !== 'expired' && doc.agreement.status !== 'replaced') throw new AppError('NO_FOLLOW_UP');
  if (followUp?.[side === 'school' ? 'schoolSubmittedAt' : 'districtSubmittedAt']) throw new AppError('FOLLOW_UP_CLOSED');
  const part = side === 'school' ? { school: answers, ...(submit ? { schoolSubmittedAt: iso(now) } : {}) } : { district: answers, ...(submit ? { districtSubmittedAt: iso(now) } : {}) };
  const year = Number((doc.agreement.validTo ?? iso(now)).slice(0, 4));
  await commitWithAudit(db, {
    now,
    statements: [
      db
        .insert(followUps)
        .values({ agreementId, districtId: doc.agreement.districtId, year, updatedAt: iso(now), ...part })
        .onConflictDoUpdate({ target: followUps.agreementId, set: { ...part, updatedAt: iso(now) } }),
    ],
    events: [{ action: submit ? 'follow_up.submitted' : 'follow_up.saved', subjectType: 'agreement', subjectId: doc.agreement.verificationCode, actorUserId: user.userId, data: { side, rating: answers.rating } }],
  });
  return { side };
}

export type FollowUpState = 'not-open' | 'missing' | 'school-done' | 'district-done' | 'done';

const stateOf = (f: { schoolSubmittedAt: string | null; districtSubmittedAt: string | null } | null, open: boolean): FollowUpState => {
  if (f?.schoolSubmittedAt && f.districtSubmittedAt) return 'done';
  if (f?.schoolSubmittedAt) return 'school-done';
  if (f?.districtSubmittedAt) return 'district-done';
  return open ? 'missing' : 'not-open';
};

/** The district's confirmed agreements and where each follow-up stands; what is missing first. */
export async function listDistrictFollowUps({ db, districtId, now }: { db: Db; districtId: number; now: Date }) {
  const opensBy = stockholmDayPlus(now, opensDaysBefore);
  const rows = await db
    .select({ agreementId: agreements.id, schoolName: schools.name, kind: schools.kind, validTo: agreements.validTo, schoolSubmittedAt: followUps.schoolSubmittedAt, districtSubmittedAt: followUps.districtSubmittedAt })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .leftJoin(followUps, eq(followUps.agreementId, agreements.id))
    .where(and(eq(agreements.districtId, districtId), inArray(agreements.status, ['confirmed', 'expired'])))
    .orderBy(asc(agreements.validTo))
    .limit(500);
  return rows.map((r) => ({ ...r, state: stateOf(r, (r.validTo ?? '') <= opensBy) }));
}

/**
 * Reminds both parties once the follow-up has opened and is not done, at most every 14 days.
 * Run by the daily cron; the reminder stamp is written in the same batch as the letters.
 */
export async function remindFollowUps({ db, now, origin }: { db: Db; now: Date; origin: string }) {
  const due = await db
    .select({ id: agreements.id, districtId: agreements.districtId, validTo: agreements.validTo, name: schools.name, contactEmail: schools.contactEmail, schoolDone: followUps.schoolSubmittedAt })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .leftJoin(followUps, eq(followUps.agreementId, agreements.id))
    .where(
      and(
        eq(agreements.status, 'confirmed'),
        lte(agreements.validTo, stockholmDayPlus(now, opensDaysBefore)),
        or(isNull(followUps.schoolSubmittedAt), isNull(followUps.districtSubmittedAt)),
        or(isNull(followUps.remindedAt), lte(followUps.remindedAt, iso(addDays(now, -14)))),
      ),
    )
    .limit(500);
  if (due.length === 0) return 0;
  const statements = due.flatMap((a) => [
    db
      .insert(followUps)
      .values({ agreementId: a.id, districtId: a.districtId, year: Number((a.validTo ?? '').slice(0, 4)), remindedAt: iso(now), updatedAt: iso(now) })
      .onConflictDoUpdate({ target: followUps.agreementId, set: { remindedAt: iso(now) } }),
    ...(a.schoolDone ? [] : [queueMail(db, { to: a.contactEmail, subject: messages.mail.followUpSubject, body: messages.mail.followUpBody(a.name, `${origin}/skola/uppfoljning?id=${a.id}`), links: [`${origin}/skola/uppfoljning?id=${a.id}`] }, now)]),
  ]);
  await commitWithAudit(db, { now, statements: statements as [(typeof statements)[number], ...typeof statements], events: [{ action: 'follow_up.reminded', subjectType: 'system', subjectId: 'follow-ups', data: { agreements: due.length } }] });
  return due.length;
}

/** The whole city for the coordinator: per district, follow-ups due and done. */
export async function cityFollowUpSummary({ db }: { db: Db }) {
  return db
    .select({
      districtName: agreements.districtName,
      agreements: sql<number>`count(*)`,
      done: sql<number>`sum(${followUps.schoolSubmittedAt} is not null and ${followUps.districtSubmittedAt} is not null)`,
    })
    .from(agreements)
    .leftJoin(followUps, eq(followUps.agreementId, agreements.id))
    .where(inArray(agreements.status, ['confirmed', 'expired']))
    .groupBy(agreements.districtName)
    .orderBy(asc(agreements.districtName));
}

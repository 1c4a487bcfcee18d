import { and, asc, eq, gt, inArray, isNull, lte, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import { agreements, followUps, schools, type FollowUp, type FollowUpAnswers } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { isCoordinator, isOfficerOf, isSchoolMember } from './access';
import { type AgreementAct, loadAgreementDocument } from './agreements/load-agreement';
import { commitWithAudit } from './audit';
import { queueMail } from './mail';
import type { SessionUser } from './sign-in';
import { addCalendarDays, addDays, iso, stockholmDay, stockholmDayPlus, stockholmYear } from './time';
import { commitExpecting, rowExists } from './transition';
import { portalRules } from '../config/rules';

export type Side = 'school' | 'district';
/** The portal asks for the follow-up 60 days before the agreement's last day, ahead of the revision. */
export const opensDaysBefore = portalRules.followUpOpensDaysBefore;
/** Agreements that have been confirmed: the ones whose cooperation is followed up. */
const followedUp = ['confirmed', 'expired', 'replaced'] as const;
const remindedRows = alias(followUps, 'reminded');

/** Which side the user answers for, or FORBIDDEN. */
function sideOf(user: SessionUser, schoolId: number, districtId: number): Side {
  if (isSchoolMember(user, schoolId)) return 'school';
  if (isOfficerOf(user, districtId)) return 'district';
  throw new AppError('FORBIDDEN');
}

const thisYears = (schoolId: number, year: number) => and(eq(followUps.schoolId, schoolId), eq(followUps.year, year));

async function followUpOf(db: Db, schoolId: number, year: number) {
  const [row] = await db.select().from(followUps).where(thisYears(schoolId, year)).limit(1);
  return row ?? null;
}

/** When this year's follow-up is asked for, and by when: before the agreement's last day. */
export function followUpDates(validTo: string | null) {
  return validTo ? { opensOn: addCalendarDays(validTo, -opensDaysBefore), dueOn: validTo } : null;
}

export type FollowUpState = 'not-open' | 'missing' | 'school-done' | 'district-done' | 'done';

/** Where this year's follow-up stands; the same words for the school and the district. */
export function followUpState(
  f: Pick<FollowUp, 'schoolSubmittedAt' | 'districtSubmittedAt'> | null,
  validTo: string | null,
  today: string,
): FollowUpState {
  if (f?.schoolSubmittedAt && f.districtSubmittedAt) return 'done';
  if (f?.schoolSubmittedAt) return 'school-done';
  if (f?.districtSubmittedAt) return 'district-done';
  const dates = followUpDates(validTo);
  return dates && today >= dates.opensOn ? 'missing' : 'not-open';
}

/** This year's follow-up of the agreement's school, for one of its two parties. */
export async function getFollowUp({
  db,
  user,
  agreementId,
  now,
}: AgreementAct & {
  now: Date;
}) {
  const doc = await loadAgreementDocument({ db, agreementId });
  const side = sideOf(user, doc.school.id, doc.agreement.districtId);
  const year = stockholmYear(now);
  const followUp = await followUpOf(db, doc.school.id, year);
  return {
    doc,
    side,
    year,
    followUp,
    dates: followUpDates(doc.agreement.validTo),
    state: followUpState(followUp, doc.agreement.validTo, stockholmDay(now)),
  };
}

/** Both parties' submitted answers, for the district's officers and the city coordinator. */
export async function readFollowUp({
  db,
  user,
  agreementId,
  now,
}: AgreementAct & {
  now: Date;
}) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isOfficerOf(user, doc.agreement.districtId) && !isCoordinator(user)) throw new AppError('FORBIDDEN');
  const year = stockholmYear(now);
  const followUp = await followUpOf(db, doc.school.id, year);
  return {
    doc,
    year,
    followUp,
    dates: followUpDates(doc.agreement.validTo),
    state: followUpState(followUp, doc.agreement.validTo, stockholmDay(now)),
  };
}

/**
 * Saves one side's answers as a draft, or submits them (then they are final). The year's
 * follow-up is the school's, whichever version of the agreement is in force: a revision never
 * leaves it behind. The write expects the side not to have submitted already.
 */
export async function saveFollowUp({
  db,
  user,
  agreementId,
  answers,
  submit,
  now,
}: AgreementAct & {
  answers: FollowUpAnswers;
  submit: boolean;
  now: Date;
}) {
  const { doc, side, year } = await getFollowUp({ db, user, agreementId, now });
  if (!(followedUp as readonly string[]).includes(doc.agreement.status)) throw new AppError('NO_FOLLOW_UP');
  const submittedAt = side === 'school' ? followUps.schoolSubmittedAt : followUps.districtSubmittedAt;
  const part =
    side === 'school'
      ? { school: answers, ...(submit ? { schoolSubmittedAt: iso(now) } : {}) }
      : { district: answers, ...(submit ? { districtSubmittedAt: iso(now) } : {}) };
  await commitExpecting(db, {
    now,
    expect: sql`not ${rowExists(db, followUps, and(thisYears(doc.school.id, year), sql`${submittedAt} is not null`))}`,
    refused: 'FOLLOW_UP_CLOSED',
    statements: [
      db
        .insert(followUps)
        .values({
          schoolId: doc.school.id,
          agreementId,
          districtId: doc.agreement.districtId,
          year,
          updatedAt: iso(now),
          ...part,
        })
        .onConflictDoUpdate({
          target: [followUps.schoolId, followUps.year],
          set: { ...part, agreementId, updatedAt: iso(now) },
        }),
    ],
    events: [
      {
        action: submit ? 'follow_up.submitted' : 'follow_up.saved',
        subjectType: 'agreement',
        subjectId: doc.agreement.verificationCode,
        actorUserId: user.userId,
        data: { side, year, rating: answers.rating },
      },
    ],
  });
  return { side };
}

/** The agreement each school of the district has in force (or had last), with this year's follow-up. */
export async function listDistrictFollowUps({ db, districtId, now }: { db: Db; districtId: number; now: Date }) {
  const year = stockholmYear(now);
  const today = stockholmDay(now);
  const rows = await db
    .select({
      agreementId: agreements.id,
      schoolName: schools.name,
      kind: schools.kind,
      validTo: agreements.validTo,
      schoolSubmittedAt: followUps.schoolSubmittedAt,
      districtSubmittedAt: followUps.districtSubmittedAt,
    })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .leftJoin(followUps, and(eq(followUps.schoolId, agreements.schoolId), eq(followUps.year, year)))
    .where(and(eq(agreements.districtId, districtId), inArray(agreements.status, ['confirmed', 'expired'])))
    .orderBy(asc(agreements.validTo))
    .limit(500);
  return rows.map((r) => ({ ...r, dates: followUpDates(r.validTo), state: followUpState(r, r.validTo, today) }));
}

/**
 * Reminds both parties once the follow-up has opened and this year's is not done, at most every
 * 14 days. Run by the daily cron; the reminder stamp is written in the same batch as the letters.
 */
export async function remindFollowUps({ db, now, origin }: { db: Db; now: Date; origin: string }) {
  const year = stockholmYear(now);
  const due = await db
    .select({
      id: agreements.id,
      schoolId: agreements.schoolId,
      districtId: agreements.districtId,
      name: schools.name,
      contactEmail: schools.contactEmail,
      schoolDone: followUps.schoolSubmittedAt,
    })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .leftJoin(followUps, and(eq(followUps.schoolId, agreements.schoolId), eq(followUps.year, year)))
    .where(
      and(
        eq(agreements.status, 'confirmed'),
        lte(agreements.validTo, stockholmDayPlus(now, opensDaysBefore)),
        or(isNull(followUps.schoolSubmittedAt), isNull(followUps.districtSubmittedAt)),
        // At most every 14 days, also across New Year when this year's row is new.
        notExists(
          db
            .select({ one: sql`1` })
            .from(remindedRows)
            .where(
              and(
                eq(remindedRows.schoolId, agreements.schoolId),
                gt(remindedRows.remindedAt, iso(addDays(now, -portalRules.followUpReminderDays))),
              ),
            ),
        ),
      ),
    )
    .limit(500);
  if (due.length === 0) return 0;
  const statements = due.flatMap((a) => {
    const link = `${origin}/skola/uppfoljning?id=${a.id}`;
    return [
      db
        .insert(followUps)
        .values({
          schoolId: a.schoolId,
          agreementId: a.id,
          districtId: a.districtId,
          year,
          remindedAt: iso(now),
          updatedAt: iso(now),
        })
        .onConflictDoUpdate({ target: [followUps.schoolId, followUps.year], set: { remindedAt: iso(now) } }),
      ...(a.schoolDone
        ? []
        : [
            queueMail(
              db,
              {
                to: a.contactEmail,
                subject: messages.mail.followUpSubject,
                body: messages.mail.followUpBody(a.name, link),
                links: [link],
              },
              now,
            ),
          ]),
    ];
  });
  await commitWithAudit(db, {
    now,
    statements: statements as [(typeof statements)[number], ...typeof statements],
    events: [
      {
        action: 'follow_up.reminded',
        subjectType: 'system',
        subjectId: 'follow-ups',
        data: { agreements: due.length, year },
      },
    ],
  });
  return due.length;
}

/** The whole city for the coordinator: per district, agreements followed up and this year's done. */
export async function cityFollowUpSummary({ db, now }: { db: Db; now: Date }) {
  return db
    .select({
      districtName: agreements.districtName,
      agreements: sql<number>`count(*)`,
      done: sql<number>`sum(${followUps.schoolSubmittedAt} is not null and ${followUps.districtSubmittedAt} is not null)`,
    })
    .from(agreements)
    .leftJoin(followUps, and(eq(followUps.schoolId, agreements.schoolId), eq(followUps.year, stockholmYear(now))))
    .where(inArray(agreements.status, ['confirmed', 'expired']))
    .groupBy(agreements.districtName)
    .orderBy(asc(agreements.districtName));
}

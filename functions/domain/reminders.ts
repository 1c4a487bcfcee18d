import { and, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, memberships, schools, users } from '../db/schema';
import { messages } from '../messages';
import { commitWithAudit } from './audit';
import { queueMail } from './mail';
import { addDays, iso, stockholmDay, stockholmDayPlus } from './time';
import { portalRules } from '../config/rules';

const waitingDays = portalRules.districtNudgeDays;

/**
 * The daily run that keeps agreements alive: marks expired ones, reminds schools 30 and 7 days
 * before expiry, and reminds districts of sign-offs waiting longer than 14 days (at most weekly).
 * Each reminder is stamped on the agreement in the same batch, so it goes out once.
 */
export async function runAgreementReminders({ db, now, origin }: { db: Db; now: Date; origin: string }) {
  const today = stockholmDay(now);
  const schoolLink = `${origin}/skola/overenskommelse`;
  const confirmed = () =>
    db
      .select({
        id: agreements.id,
        code: agreements.verificationCode,
        validTo: agreements.validTo,
        reminded30At: agreements.reminded30At,
        reminded7At: agreements.reminded7At,
        name: schools.name,
        contactEmail: schools.contactEmail,
        principalEmail: schools.principalEmail,
      })
      .from(agreements)
      .innerJoin(schools, eq(schools.id, agreements.schoolId));
  const expired = await confirmed().where(and(eq(agreements.status, 'confirmed'), lt(agreements.validTo, today)));
  const due = await confirmed().where(
    and(
      eq(agreements.status, 'confirmed'),
      lte(agreements.validTo, stockholmDayPlus(now, 30)),
      or(
        isNull(agreements.reminded30At),
        and(isNull(agreements.reminded7At), lte(agreements.validTo, stockholmDayPlus(now, 7))),
      ),
    ),
  );
  const remind = due.filter((a) => !expired.some((e) => e.id === a.id));
  const to = (a: { contactEmail: string; principalEmail: string }) => [...new Set([a.contactEmail, a.principalEmail])];

  const waiting = await db
    .select({ id: agreements.id, districtId: agreements.districtId })
    .from(agreements)
    .where(
      and(
        eq(agreements.status, 'awaiting'),
        lt(agreements.signedAt, iso(addDays(now, -waitingDays))),
        or(isNull(agreements.districtRemindedAt), lt(agreements.districtRemindedAt, iso(addDays(now, -7)))),
      ),
    );
  const byDistrict = new Map<number, number[]>();
  for (const w of waiting) byDistrict.set(w.districtId, [...(byDistrict.get(w.districtId) ?? []), w.id]);
  const officers = byDistrict.size
    ? await db
        .select({ email: users.email, districtId: memberships.districtId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.role, 'officer'))
    : [];
  const inbox = `${origin}/stadsdel/inkorg`;

  const statements = [
    ...expired.flatMap((a) => [
      db.update(agreements).set({ status: 'expired' }).where(eq(agreements.id, a.id)),
      ...to(a).map((t) =>
        queueMail(
          db,
          {
            to: t,
            subject: messages.mail.expiredSubject,
            body: messages.mail.expiredBody(a.name, schoolLink),
            links: [schoolLink],
          },
          now,
        ),
      ),
    ]),
    ...remind.flatMap((a) => {
      const days = a.validTo && a.validTo <= stockholmDayPlus(now, 7) ? 7 : 30;
      return [
        db
          .update(agreements)
          .set(
            days === 7
              ? { reminded7At: iso(now), reminded30At: a.reminded30At ?? iso(now) }
              : { reminded30At: iso(now) },
          )
          .where(eq(agreements.id, a.id)),
        ...to(a).map((t) =>
          queueMail(
            db,
            {
              to: t,
              subject: messages.mail.expiringSubject(days),
              body: messages.mail.expiringBody(a.name, a.validTo ?? '', schoolLink),
              links: [schoolLink],
            },
            now,
          ),
        ),
      ];
    }),
    ...[...byDistrict].flatMap(([districtId, ids]) => [
      ...ids.map((id) =>
        db
          .update(agreements)
          .set({ districtRemindedAt: iso(now) })
          .where(eq(agreements.id, id)),
      ),
      ...officers
        .filter((o) => o.districtId === districtId)
        .map((o) =>
          queueMail(
            db,
            {
              to: o.email,
              subject: messages.mail.waitingSubject,
              body: messages.mail.waitingBody(ids.length, inbox),
              links: [inbox],
            },
            now,
          ),
        ),
    ]),
  ];
  const summary = { expired: expired.length, reminded: remind.length, districtsReminded: byDistrict.size };
  if (statements.length > 0) {
    await commitWithAudit(db, {
      now,
      statements: statements as [(typeof statements)[number], ...typeof statements],
      events: [{ action: 'reminders.ran', subjectType: 'system', subjectId: 'reminders', data: summary }],
    });
  }
  return summary;
}

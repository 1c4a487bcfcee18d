import { and, count, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, auditEvents, outbox, schools, signatures, users } from '../../functions/db/schema';
import { verifyAuditChain } from '../../functions/domain/audit-verify';
import { mailCron } from '../../functions/domain/delivery';
import { messages } from '../../functions/messages';
import { confirmAsDistrict, officerOf, schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { Visitor, register, validRegistration } from '../support/client';
import { testUnitCode } from '../support/register-units';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

// Every request comes from its own client address, as real schools would, so that the
// per-client rate limit on registrations is not what is measured.
const visitorNumber = (n: number) => new Visitor(portal, `10.20.${Math.floor(n / 200)}.${(n % 200) + 1}`);

const schoolCount = async () => (await portal.db.select({ n: count() }).from(schools))[0]?.n ?? 0;

describe('200 registrations at once, 20 of them for a skolenhetskod already being registered', () => {
  it(
    'stores every school exactly once, tells each duplicate so with 409, and never answers 5xx',
    { timeout: 180_000 },
    async () => {
      const codes = Array.from({ length: 180 }, testUnitCode).sort();
      const forms = [
        ...codes.map((schoolUnitCode) => validRegistration({ schoolUnitCode, name: `Lastskolan ${schoolUnitCode}` })),
        ...codes
          .slice(0, 20)
          .map((schoolUnitCode) => validRegistration({ schoolUnitCode, name: `Dubbletten ${schoolUnitCode}` })),
      ];
      const senders = forms.map((form, i) => ({ form, visitor: visitorNumber(i) }));
      await Promise.all(senders.map(({ visitor }) => visitor.csrf()));

      const answers = await Promise.all(
        senders.map(async ({ form, visitor }) => {
          const res = await register(visitor, form);
          return { form, status: res.status, html: await res.text() };
        }),
      );

      expect(answers.filter((a) => a.status >= 500).map((a) => a.status)).toEqual([]);
      expect(answers.filter((a) => a.status === 303)).toHaveLength(180);
      const refused = answers.filter((a) => a.status === 409);
      expect(refused).toHaveLength(20);
      for (const a of refused) expect(a.html).toContain(messages.fields.duplicateSchoolUnitCode);

      const stored = await portal.db
        .select({ code: schools.schoolUnitCode })
        .from(schools)
        .where(like(schools.schoolUnitCode, '30%'));
      expect(stored.map((s) => s.code).sort()).toEqual(codes);
      // The loser of each pair left nothing behind: no account, no letter.
      const losers = refused.map((a) => a.form.principalEmail as string);
      expect(await portal.db.select().from(users).where(inArray(users.email, losers))).toEqual([]);
      expect(await portal.db.select().from(outbox).where(inArray(outbox.to, losers))).toEqual([]);
      // One audit event per school, and the chain still holds after the writers raced for its head.
      const registered = await portal.db
        .select({ n: count() })
        .from(auditEvents)
        .where(eq(auditEvents.action, 'school.registered'));
      expect(registered[0]?.n).toBe(await schoolCount());
      expect((await verifyAuditChain({ db: portal.db, now: new Date(), checkpoint: null })).problem).toBeNull();
    },
  );
});

/** Runs the mail cron until nothing is waiting: the letters of a burst above go out before the next test measures. */
async function deliverBacklog() {
  for (let run = 0; run < 20; run += 1) {
    const [waiting] = await portal.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'queued'));
    if (!waiting?.n) return;
    await portal.worker.scheduled({ cron: mailCron, scheduledTime: new Date() });
  }
}

describe('50 confirmations of the same agreement at once', () => {
  it(
    'writes exactly one confirmation signature; every other press is told it is already confirmed',
    { timeout: 120_000 },
    async () => {
      await deliverBacklog();
      const school = await schoolWithDraft(portal, { district: 'farsta' });
      expect((await signAsSchool(school.visitor, school.agreementId)).status).toBe(303);
      const officer = await officerOf(portal, 'farsta');

      const answers = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const res = await confirmAsDistrict(officer, school.agreementId);
          return { status: res.status, html: await res.text() };
        }),
      );

      expect(answers.filter((a) => a.status === 303)).toHaveLength(1);
      const others = answers.filter((a) => a.status !== 303);
      expect(others.map((a) => a.status)).toEqual(Array(49).fill(409));
      for (const a of others) expect(a.html).toContain(messages.errors.ALREADY_CONFIRMED);
      const district = await portal.db
        .select()
        .from(signatures)
        .where(and(eq(signatures.agreementId, school.agreementId), eq(signatures.party, 'district')));
      expect(district).toHaveLength(1);
      const [agreement] = await portal.db.select().from(agreements).where(eq(agreements.id, school.agreementId));
      expect(agreement?.status).toBe('confirmed');
      const events = await portal.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, 'agreement.confirmed'),
            eq(auditEvents.subjectId, agreement?.verificationCode ?? ''),
          ),
        );
      expect(events).toHaveLength(1);
    },
  );
});

describe('when D1 fails in the middle of a write', () => {
  // The audit event is the last statement of every batch: failing it fails the batch after all the
  // other writes have run, which is the worst moment for a half-written result.
  const failAuditWrites = () =>
    portal.env.DB.exec(
      "CREATE TRIGGER fault BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;",
    );
  const heal = () => portal.env.DB.exec('DROP TRIGGER fault');

  it('a registration answers 503 and leaves nothing behind; sent again later, it goes through', async () => {
    const visitor = new Visitor(portal);
    const form = validRegistration({ name: 'Skolan under störningen' });
    const before = await schoolCount();
    await failAuditWrites();
    try {
      const res = await register(visitor, form);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain(messages.errors.DB_UNAVAILABLE);
    } finally {
      await heal();
    }
    expect(await schoolCount()).toBe(before);
    expect(
      await portal.db
        .select()
        .from(users)
        .where(eq(users.email, form.principalEmail as string)),
    ).toEqual([]);
    expect(
      await portal.db
        .select()
        .from(outbox)
        .where(eq(outbox.to, form.principalEmail as string)),
    ).toEqual([]);
    expect((await register(visitor, form)).status).toBe(303);
  });

  it('a confirmation answers 503, the agreement still waits and has no district signature', async () => {
    const school = await schoolWithDraft(portal, { district: 'skarholmen' });
    await signAsSchool(school.visitor, school.agreementId);
    const officer = await officerOf(portal, 'skarholmen');
    await failAuditWrites();
    try {
      const res = await confirmAsDistrict(officer, school.agreementId);
      expect(res.status).toBe(503);
    } finally {
      await heal();
    }
    const [agreement] = await portal.db.select().from(agreements).where(eq(agreements.id, school.agreementId));
    expect(agreement?.status).toBe('awaiting');
    expect(
      await portal.db
        .select()
        .from(signatures)
        .where(and(eq(signatures.agreementId, school.agreementId), eq(signatures.party, 'district'))),
    ).toEqual([]);
    const confirmedMail = and(
      eq(outbox.to, school.form.principalEmail as string),
      eq(outbox.subject, messages.mail.confirmedSubject),
    );
    expect(await portal.db.select().from(outbox).where(confirmedMail)).toEqual([]);
    expect((await confirmAsDistrict(officer, school.agreementId)).status).toBe(303);
  });
});

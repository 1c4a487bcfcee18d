import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, outbox, schools, sessions, signatures } from '../../functions/db/schema';
import { verifyAuditChain } from '../../functions/domain/audit-verify';
import { auditDataYears, mailDays } from '../../functions/domain/retention';
import { confirmedAgreement } from '../support/agreement-flows';
import { Visitor, register, validRegistration } from '../support/client';
import { registerAndSignIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

it('the daily cron removes unverified registrations after 30 days and expired sessions, and logs it', async () => {
  const stale = validRegistration({ name: 'Glömda skolan' });
  await register(new Visitor(portal), stale);
  const fresh = validRegistration({ name: 'Nya skolan' });
  await register(new Visitor(portal), fresh);
  const { school: verified } = await registerAndSignIn(portal, { name: 'Bekräftade skolan' });
  await portal.db
    .update(schools)
    .set({ registeredAt: new Date(Date.now() - 31 * 86_400_000).toISOString() })
    .where(eq(schools.schoolUnitCode, stale.schoolUnitCode as string));
  await portal.db
    .update(schools)
    .set({ registeredAt: new Date(Date.now() - 31 * 86_400_000).toISOString() })
    .where(eq(schools.id, verified.id));
  await portal.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000).toISOString() });

  await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date() });

  const left = (await portal.db.select({ name: schools.name }).from(schools)).map((s) => s.name);
  expect(left).not.toContain('Glömda skolan');
  expect(left).toEqual(expect.arrayContaining(['Nya skolan', 'Bekräftade skolan']));
  expect(await portal.db.select().from(sessions)).toEqual([]);
  expect((await portal.db.select().from(auditEvents).where(eq(auditEvents.action, 'purge.ran'))).length).toBe(1);
});

it('keeps mail for 90 days and the data in audit events for two years, and the chain still holds', async () => {
  const { form, school } = await confirmedAgreement(portal, 'kungsholmen');
  const principal = form.principalEmail as string;
  const registered = async () =>
    (await portal.db.select().from(auditEvents).where(eq(auditEvents.subjectId, school.reference)))[0];
  const signed = await portal.db.select().from(signatures);
  const start = Date.now();
  const cronAt = async (days: number) => {
    const at = new Date(start + days * 86_400_000);
    await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: at });
    return at;
  };
  const twoYears = auditDataYears * 365 + 1; // At most one leap day between.

  await cronAt(mailDays - 1);
  expect(await portal.db.select().from(outbox).where(eq(outbox.to, principal))).not.toEqual([]);
  await cronAt(mailDays + 1);
  expect(await portal.db.select().from(outbox).where(eq(outbox.to, principal))).toEqual([]);
  expect(JSON.stringify((await registered())?.data)).toContain(principal);

  await cronAt(twoYears - 2);
  expect((await registered())?.redactedAt).toBeNull();
  const later = await cronAt(twoYears + 1);
  expect(await registered()).toMatchObject({ data: {}, redactedAt: later.toISOString() });
  expect(JSON.stringify(await portal.db.select().from(auditEvents))).not.toContain(principal);
  // The signatures are the agreement's evidence: the purge leaves them as they were.
  expect(await portal.db.select().from(signatures)).toEqual(signed);

  expect((await verifyAuditChain({ db: portal.db, now: later, checkpoint: null })).problem).toBeNull();
  // Today no event is old enough to have been redacted: a redacted one is tampered with.
  const [firstRedacted] = await portal.db
    .select()
    .from(auditEvents)
    .where(isNotNull(auditEvents.redactedAt))
    .orderBy(auditEvents.id)
    .limit(1);
  expect((await verifyAuditChain({ db: portal.db, now: new Date(start), checkpoint: null })).problem).toEqual({
    kind: 'changed',
    eventId: firstRedacted!.id,
  });
});

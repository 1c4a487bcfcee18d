import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, auditEvents, outbox, districts } from '../../functions/db/schema';
import { verifyAuditChain } from '../../functions/domain/audit-verify';
import { getCurrentTemplate, publishTemplate } from '../../functions/domain/templates';
import { confirmedAgreement, officerOf, schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { registerAndSignIn } from '../support/flows';
import { Visitor } from '../support/client';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

const day = 86_400_000;
const runCron = (at: Date) => portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: at });
const mailsTo = async (to: string, subject: string) =>
  (await portal.db.select().from(outbox).where(eq(outbox.to, to))).filter((m) => m.subject.startsWith(subject)).length;

describe('the daily cron on a moved clock', () => {
  it('reminds 30 and 7 days before expiry, once each, then marks the agreement expired', async () => {
    const { agreementId, school } = await confirmedAgreement(portal, 'hasselby-vallingby');
    const [a] = await portal.db.select().from(agreements).where(eq(agreements.id, agreementId));
    const validTo = new Date(`${a!.validTo}T06:00:00Z`);
    const to = school.contactEmail;

    await runCron(new Date(validTo.getTime() - 40 * day));
    expect(await mailsTo(to, 'Samverkansöverenskommelsen går ut')).toBe(0);
    await runCron(new Date(validTo.getTime() - 29 * day));
    await runCron(new Date(validTo.getTime() - 28 * day));
    expect(await mailsTo(to, 'Samverkansöverenskommelsen går ut om 30 dagar')).toBe(1);
    await runCron(new Date(validTo.getTime() - 6 * day));
    await runCron(new Date(validTo.getTime() - 5 * day));
    expect(await mailsTo(to, 'Samverkansöverenskommelsen går ut om 7 dagar')).toBe(1);
    await runCron(new Date(validTo.getTime() + 1 * day));
    const [after] = await portal.db.select().from(agreements).where(eq(agreements.id, agreementId));
    expect(after?.status).toBe('expired');
    expect(await mailsTo(to, 'Samverkansöverenskommelsen har gått ut')).toBe(1);
  });

  it('reminds the district of a sign-off waiting more than 14 days', async () => {
    const { visitor, agreementId } = await schoolWithDraft(portal, { district: 'enskede-arsta-vantor' });
    await signAsSchool(visitor, agreementId);
    const officer = 'handlaggare.enskede-arsta-vantor@stockholm.example';
    await runCron(new Date(Date.now() + 10 * day));
    expect(await mailsTo(officer, 'Överenskommelser väntar på bekräftelse')).toBe(0);
    await runCron(new Date(Date.now() + 15 * day));
    await runCron(new Date(Date.now() + 16 * day));
    expect(await mailsTo(officer, 'Överenskommelser väntar på bekräftelse')).toBe(1);
    const inbox = await (await (await officerOf(portal, 'enskede-arsta-vantor')).get('/stadsdel/inkorg')).text();
    expect(inbox).toMatch(/\d+ dag/);
  });
});

describe('a new template version', () => {
  it('asks every school with a valid agreement to re-sign by a deadline, and is immutable', async () => {
    const { school, visitor } = await confirmedAgreement(portal, 'skarholmen');
    const current = await getCurrentTemplate({ db: portal.db });
    await publishTemplate({
      db: portal.db,
      content: { ...current!.content, version: current!.version + 1 },
      actorUserId: null,
      now: new Date(),
      origin: 'http://portal.test',
    });
    expect(await mailsTo(school.contactEmail, 'Ny mall för samverkansöverenskommelsen')).toBe(1);
    const page = await (await visitor.get('/skola/overenskommelse')).text();
    expect(page).toContain('Behöver revideras');
    expect(page).toContain('Revidera och skriv under igen senast');
    await expect(
      publishTemplate({ db: portal.db, content: current!.content, actorUserId: null, now: new Date(), origin: '' }),
    ).rejects.toThrow('redan publicerad');
    const versions = await (await new Visitor(portal).get('/overenskommelse/')).text();
    expect(versions).toContain(`href="/overenskommelse/version/${current!.version}"`);
  });
});

describe('the district contact function', () => {
  it('notifies exactly the schools with an agreement in the district, and shows the change publicly', async () => {
    const withAgreement = await confirmedAgreement(portal, 'norra-innerstaden');
    const withDraft = await schoolWithDraft(portal, { district: 'norra-innerstaden' });
    const without = await registerAndSignIn(portal, { district: 'norra-innerstaden' });
    const elsewhere = await confirmedAgreement(portal, 'jarva');
    const officer = await officerOf(portal, 'norra-innerstaden');
    const bad = await officer.post('/stadsdel/kontakt', {
      contactFunction: '',
      contactEmail: 'fel',
      contactPhone: 'x',
      contactHours: '',
    });
    expect(bad.status).toBe(400);
    const res = await officer.post('/stadsdel/kontakt', {
      contactFunction: 'Mottagningen Barn och unga',
      contactEmail: 'mottagning.ni@stockholm.example',
      contactPhone: '08-508 000 00',
      contactHours: 'Vardagar 8–16',
    });
    expect(res.status).toBe(303);
    const subject = 'Ny kontaktfunktion hos stadsdelsförvaltningen Norra innerstaden';
    expect(await mailsTo(withAgreement.school.contactEmail, subject)).toBe(1);
    expect(await mailsTo(withDraft.school.contactEmail, subject)).toBe(1);
    expect(await mailsTo(without.school.contactEmail, subject)).toBe(0);
    expect(await mailsTo(elsewhere.school.contactEmail, subject)).toBe(0);
    const page = await (await new Visitor(portal).get('/stadsdelar/norra-innerstaden/')).text();
    expect(page).toContain('Mottagningen Barn och unga');
    expect(page).toContain('Senast ändrad');
    const [d] = await portal.db.select().from(districts).where(eq(districts.slug, 'norra-innerstaden'));
    expect(d?.contactChangedAt).toBeTruthy();
  });
});

describe('the audit chain', () => {
  it('holds after real activity and names the first tampered event', async () => {
    await confirmedAgreement(portal, 'bromma');
    expect((await verifyAuditChain({ db: portal.db, now: new Date(), checkpoint: null })).problem).toBeNull();
    const [victim] = await portal.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'agreement.confirmed'))
      .limit(1);
    await portal.db
      .update(auditEvents)
      .set({ data: { sha256: 'förfalskad' } })
      .where(eq(auditEvents.id, victim!.id));
    const result = await verifyAuditChain({ db: portal.db, now: new Date(), checkpoint: null });
    expect(result.problem).toEqual({ kind: 'changed', eventId: victim!.id });
  });
});

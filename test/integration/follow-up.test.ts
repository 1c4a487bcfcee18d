import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, followUps, outbox } from '../../functions/db/schema';
import { getCurrentTemplate } from '../../functions/domain/templates';
import { heldField } from '../../functions/validation/follow-up';
import { confirmedAgreement } from '../support/agreement-flows';
import { summaryFirstInMain } from '../support/form-answers';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

async function answers(rating = '4') {
  const template = await getCurrentTemplate({ db: portal.db });
  const t = template!.content;
  return {
    ...Object.fromEntries(t.meetings.map((m) => [heldField(m.id), '2'])),
    present: t.requiredFunctions.slice(0, 2).map((f) => f.id),
    worked: 'Mötena i generella frågor hölls som planerat.',
    develop: 'Elevhälsan behöver delta oftare.',
    rating,
  };
}

describe('the yearly follow-up', () => {
  it('school and district each save a draft, resume it, submit; then it is done and closed', async () => {
    const { visitor, agreementId, officer } = await confirmedAgreement(portal, 'jarva');
    const full = await answers();
    const draft = await visitor.post(`/skola/uppfoljning?id=${agreementId}`, {
      worked: 'Ett första utkast.',
      action: 'spara',
    });
    expect(draft.headers.get('location')).toBe(`/skola/uppfoljning?id=${agreementId}&sparat=1`);
    expect(await (await visitor.get(`/skola/uppfoljning?id=${agreementId}`)).text()).toContain('Ett första utkast.');

    const incomplete = await visitor.post(`/skola/uppfoljning?id=${agreementId}`, {
      worked: 'Ett första utkast.',
      action: 'skicka',
    });
    expect(incomplete.status).toBe(400);
    const errors = await incomplete.text();
    expect(errors).toContain('Välj ett betyg från 1 till 5');
    expect(errors).toContain('Kryssa i vilka funktioner som har deltagit');

    const guarded = await visitor.post(`/skola/uppfoljning?id=${agreementId}`, {
      ...full,
      develop: 'Eleven 201001011234 behöver stöd.',
      action: 'skicka',
    });
    expect(guarded.status).toBe(400);
    expect(await guarded.text()).toContain('Texten ser ut att innehålla ett personnummer');

    expect((await visitor.post(`/skola/uppfoljning?id=${agreementId}`, { ...full, action: 'skicka' })).status).toBe(
      303,
    );
    const list = await (await officer.get('/stadsdel/uppfoljning')).text();
    expect(list).toContain('Skolan klar, stadsdelen saknas');
    expect(
      (
        await officer.post(`/stadsdel/uppfoljning?id=${agreementId}`, { ...(await answers('3')), action: 'skicka' })
      ).headers.get('location'),
    ).toBe(`/stadsdel/uppfoljning?id=${agreementId}&skickat=1`);

    const [row] = await portal.db.select().from(followUps).where(eq(followUps.agreementId, agreementId));
    expect(row?.school?.rating).toBe(4);
    expect(row?.district?.rating).toBe(3);
    expect(row?.schoolSubmittedAt && row.districtSubmittedAt).toBeTruthy();
    const again = await visitor.post(`/skola/uppfoljning?id=${agreementId}`, { ...full, action: 'skicka' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Uppföljningen är redan inskickad');
  });

  it('answers on both pages that show the form: an error there with the summary first, success on with 303', async () => {
    const { visitor, agreementId, officer } = await confirmedAgreement(portal, 'sodermalm');
    for (const [who, page] of [
      [visitor, '/skola/uppfoljning'],
      [officer, '/stadsdel/uppfoljning'],
    ] as const) {
      const form = await (await who.get(`${page}?id=${agreementId}`)).text();
      expect(form, page).toContain(`action="?id=${agreementId}"`);
      const incomplete = await who.post(`${page}?id=${agreementId}`, { worked: 'Bra möten.', action: 'skicka' });
      expect(incomplete.status, page).toBe(400);
      const html = await incomplete.text();
      expect(html, page).toMatch(summaryFirstInMain);
      expect(html, page).toContain('href="#rating"');
      expect(html, page).toContain('Bra möten.');
      const saved = await who.post(`${page}?id=${agreementId}`, { worked: 'Bra möten.', action: 'spara' });
      expect([saved.status, saved.headers.get('location')], page).toEqual([303, `${page}?id=${agreementId}&sparat=1`]);
    }
  });

  it('is only for the agreement’s own school and district', async () => {
    const mine = await confirmedAgreement(portal, 'bromma');
    const other = await confirmedAgreement(portal, 'farsta');
    expect((await other.visitor.post(`/skola/uppfoljning?id=${mine.agreementId}`, { action: 'spara' })).status).toBe(
      403,
    );
    expect((await other.officer.post(`/stadsdel/uppfoljning?id=${mine.agreementId}`, { action: 'spara' })).status).toBe(
      403,
    );
    expect((await other.visitor.get(`/skola/uppfoljning?id=${mine.agreementId}`)).status).toBe(404);
  });

  it('reminds the school once the follow-up has opened, at most every 14 days', async () => {
    const { agreementId, school } = await confirmedAgreement(portal, 'hasselby-vallingby');
    const [a] = await portal.db.select().from(agreements).where(eq(agreements.id, agreementId));
    const validTo = Date.parse(`${a!.validTo}T06:00:00Z`);
    const count = async () =>
      (await portal.db.select().from(outbox).where(eq(outbox.to, school.contactEmail))).filter((m) =>
        m.subject.startsWith('Dags för den årliga uppföljningen'),
      ).length;
    await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date(validTo - 90 * 86_400_000) });
    expect(await count()).toBe(0);
    await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date(validTo - 59 * 86_400_000) });
    await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date(validTo - 50 * 86_400_000) });
    expect(await count()).toBe(1);
    await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date(validTo - 44 * 86_400_000) });
    expect(await count()).toBe(2);
  });
});

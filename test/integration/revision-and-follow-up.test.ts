import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, followUps } from '../../functions/db/schema';
import { coordinatorEmail } from '../../functions/db/seed-accounts';
import { getCurrentTemplate } from '../../functions/domain/templates';
import { stockholmDay, stockholmYear } from '../../functions/domain/time';
import { heldField } from '../../functions/validation/follow-up';
import {
  confirmAsDistrict,
  confirmedAgreement,
  filledAdditions,
  sectionField,
  signAsSchool,
} from '../support/agreement-flows';
import { Visitor } from '../support/client';
import { signIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';

// Issue 15: the record stays true through a whole year of an agreement's life — a follow-up, a
// revision waiting for the district, its confirmation.

let portal: Portal;
let coordinator: Visitor;
beforeAll(async () => {
  portal = await startPortal();
  coordinator = new Visitor(portal);
  await signIn(portal, coordinator, coordinatorEmail);
});
afterAll(async () => portal?.close());

async function answers(rating = '4') {
  const t = (await getCurrentTemplate({ db: portal.db }))!.content;
  return {
    ...Object.fromEntries(t.meetings.map((m) => [heldField(m.id), '2'])),
    present: t.requiredFunctions.slice(0, 2).map((f) => f.id),
    worked: 'Mötena i generella frågor hölls som planerat.',
    develop: 'Elevhälsan behöver delta oftare.',
    rating,
  };
}

const agreement = async (id: number) => (await portal.db.select().from(agreements).where(eq(agreements.id, id)))[0];
const formatted = (day: string) =>
  new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(new Date(day));
const doneInCity = (html: string, district: string) =>
  new RegExp(`<th scope="row">${district}</th><td>\\d+</td><td>(\\d+)</td>`).exec(html)?.[1];

/** A confirmed agreement whose follow-up both sides have submitted, then revised by the school. */
async function followedUpAndRevised(district: string) {
  const confirmed = await confirmedAgreement(portal, district);
  const { visitor, officer, agreementId } = confirmed;
  expect(
    (await visitor.post(`/skola/uppfoljning?id=${agreementId}`, { ...(await answers('4')), action: 'skicka' })).status,
  ).toBe(303);
  expect(
    (
      await officer.post(`/stadsdel/uppfoljning?id=${agreementId}`, {
        ...(await answers('3')),
        worked: 'Stadsdelens bild: bra möten.',
        action: 'skicka',
      })
    ).status,
  ).toBe(303);
  expect((await visitor.post(`/skola/overenskommelse?atgard=revidera&id=${agreementId}`, {})).status).toBe(303);
  const [revision] = await portal.db.select().from(agreements).where(eq(agreements.revisionOf, agreementId));
  const changed = {
    ...(await filledAdditions(portal)),
    [sectionField('moten')]: 'Tre möten per termin från och med hösten.',
    action: 'granska',
  };
  expect((await visitor.post(`/skola/overenskommelse/utkast?id=${revision!.id}`, changed)).status).toBe(303);
  expect((await signAsSchool(visitor, revision!.id)).status).toBe(303);
  return { ...confirmed, revisionId: revision!.id };
}

describe('follow-up and revision', () => {
  it('while a revision waits for the district, the agreement in force stays valid everywhere', async () => {
    const { visitor, officer, agreementId, revisionId, school } = await followedUpAndRevised('bromma');
    const code = (await agreement(agreementId))!.verificationCode;
    const status = await (await visitor.get('/skola/overenskommelse')).text();
    expect(status).toMatch(/<strong>Status:<\/strong>\s+Giltig, gäller till och med/);
    expect(status).toContain('En reviderad version väntar på att stadsdelsförvaltningen bekräftar den');
    const desk = await (await officer.get('/stadsdel/')).text();
    expect(desk).toContain('Giltig, revidering väntar på stadsdelen');
    const open = (await (await portal.fetch('/api/oppna-data/skolor.json')).json()) as {
      skolor: Record<string, unknown>[];
    };
    const row = open.skolor.find((s) => s['skolenhetskod'] === school.schoolUnitCode);
    expect(row).toMatchObject({ overenskommelse: 'valid', giltig_till: (await agreement(agreementId))!.validTo });
    expect(await (await new Visitor(portal).get(`/verifiera?kod=${code}`)).text()).toContain('Giltig');

    // The officer is told it is a revision and sees what changed.
    const page = await (await officer.get(`/stadsdel/overenskommelse/${revisionId}`)).text();
    expect(page).toContain('Det här är en revidering');
    expect(page).toContain('Tre möten per termin från och med hösten.');
    expect(await (await officer.get('/stadsdel/inkorg')).text()).toContain('Revidering');
  });

  it('a revision carries the year’s follow-up: counts, lists and forms keep it', async () => {
    const { visitor, officer, agreementId, revisionId } = await followedUpAndRevised('farsta');
    const before = doneInCity(await (await coordinator.get('/admin/')).text(), 'Farsta');
    expect(before).toBe('1');
    expect((await confirmAsDistrict(officer, revisionId)).status).toBe(303);

    expect(doneInCity(await (await coordinator.get('/admin/')).text(), 'Farsta')).toBe('1');
    const list = await (await officer.get('/stadsdel/uppfoljning')).text();
    expect(list).toContain(`/stadsdel/uppfoljning?id=${revisionId}`);
    expect(list).toContain('Klar');
    expect(list).not.toContain('Inte dags än');
    const form = await (await visitor.get(`/skola/uppfoljning?id=${revisionId}`)).text();
    expect(form).toContain('Mötena i generella frågor hölls som planerat.');
    expect(form).not.toContain('Skicka in uppföljningen');
    const again = await visitor.post(`/skola/uppfoljning?id=${revisionId}`, { ...(await answers()), action: 'skicka' });
    expect(again.status).toBe(409);

    // The replaced version says so, links to its successor, and its validity ended then.
    const old = await agreement(agreementId);
    expect(old).toMatchObject({ status: 'replaced', replacedBy: revisionId });
    expect(old!.validTo! <= stockholmDay(new Date())).toBe(true);
    const print = await (await visitor.get(`/overenskommelse/utskrift/${agreementId}`)).text();
    expect(print).toContain('Den här versionen är ersatt');
    expect(print).toContain(`/overenskommelse/utskrift/${revisionId}`);
  });

  it('the indicator counts a follow-up in the Stockholm year it was made', async () => {
    const { visitor, officer, agreementId, school } = await confirmedAgreement(portal, 'skarpnack');
    expect(
      (await visitor.post(`/skola/uppfoljning?id=${agreementId}`, { ...(await answers()), action: 'skicka' })).status,
    ).toBe(303);
    expect(
      (await officer.post(`/stadsdel/uppfoljning?id=${agreementId}`, { ...(await answers()), action: 'skicka' }))
        .status,
    ).toBe(303);
    const [row] = await portal.db.select().from(followUps).where(eq(followUps.schoolId, school.id));
    expect(row?.year).toBe(Number(stockholmDay(new Date()).slice(0, 4)));
    await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date() });
    const data = (await (await portal.fetch('/api/oppna-data/indikator.json')).json()) as {
      rader: Record<string, string | number>[];
    };
    expect(data.rader.find((r) => r['stadsdel'] === 'Skarpnäck' && r['typ'] === 'fristaende')).toMatchObject({
      uppfoljningar_gjorda: 1,
    });
  });

  it('says when the follow-up is due and that it is sent once, and both sides’ answers can be read', async () => {
    const { visitor, officer, agreementId } = await confirmedAgreement(portal, 'kungsholmen');
    const validTo = (await agreement(agreementId))!.validTo!;
    const year = stockholmYear(new Date());
    for (const page of [
      await (await visitor.get(`/skola/uppfoljning?id=${agreementId}`)).text(),
      await (await officer.get(`/stadsdel/uppfoljning?id=${agreementId}`)).text(),
    ]) {
      expect(page).toContain(`Uppföljningen för ${year}`);
      expect(page).toContain('skickar in sina svar en gång');
      expect(page).toContain(`ska vara inskickad senast ${formatted(validTo)}`);
    }
    await visitor.post(`/skola/uppfoljning?id=${agreementId}`, {
      ...(await answers()),
      worked: 'Skolans egen bild av året.',
      action: 'skicka',
    });
    // The district reads the school's submitted answers before answering for itself.
    expect(await (await officer.get(`/stadsdel/uppfoljning?id=${agreementId}`)).text()).toContain(
      'Skolans egen bild av året.',
    );
    expect(await (await officer.get('/stadsdel/uppfoljning')).text()).toContain('Skolan klar, stadsdelen saknas');
    await officer.post(`/stadsdel/uppfoljning?id=${agreementId}`, {
      ...(await answers()),
      worked: 'Stadsdelens bild av året.',
      action: 'skicka',
    });
    const review = await (await coordinator.get(`/admin/uppfoljning?id=${agreementId}`)).text();
    expect(review).toContain('Skolans egen bild av året.');
    expect(review).toContain('Stadsdelens bild av året.');
    expect(await (await coordinator.get('/admin/overenskommelser')).text()).toContain(
      `/admin/uppfoljning?id=${agreementId}`,
    );
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { messages } from '../../functions/messages';
import { Visitor } from '../support/client';
import { failedMail, registerAndSignIn, signIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';
import { summaryFirstInMain } from '../support/form-answers';

// The coordinator's forms post to the page that shows them (issue 10): an error shows the same
// page again at the same URL, the error summary first in main and focused, the answers kept; a
// success answers 303 to the next step, so reload and Back never post again.

let portal: Portal;
let coordinator: Visitor;
beforeAll(async () => {
  portal = await startPortal();
  coordinator = new Visitor(portal);
  await signIn(portal, coordinator, coordinatorEmail);
});
afterAll(async () => portal?.close());

type Answer = Awaited<ReturnType<Portal['fetch']>>;

/** The page again under `status`, with the summary first in main and the message in it; no form in main posts to /api. */
async function expectShownAgain(res: Answer, status: number, message: string) {
  const html = await res.text();
  expect(res.status).toBe(status);
  expect(res.headers.get('location')).toBeNull();
  expect(html).toMatch(summaryFirstInMain);
  expect(html).toContain('<title>Fel: ');
  expect(html).toContain(message.replaceAll('"', '&quot;'));
  expect(html.slice(html.indexOf('<main'), html.indexOf('</main>'))).not.toContain('action="/api');
  return html;
}

const expectNext = (res: Answer, location: string) => {
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(location);
};

const userIdOf = async (email: string) =>
  String((await portal.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id);

describe('the coordinator’s forms on their own pages', () => {
  it('/admin/: inviting an officer, moving one and recomputing the indicator', async () => {
    const invite = '/admin/?atgard=bjud-in';
    const html = await expectShownAgain(
      await coordinator.post(invite, { name: 'Nina Ny', email: 'nina.ny@stockholm.example', district: 'atlantis' }),
      400,
      messages.fields.chooseDistrict,
    );
    expect(html).toContain('value="Nina Ny"');
    expectNext(
      await coordinator.post(invite, { name: 'Nina Ny', email: 'nina.ny@stockholm.example', district: 'farsta' }),
      '/admin/?inbjuden=1',
    );

    const officer = await userIdOf(officerEmail('hasselby-vallingby'));
    const move = `/admin/?atgard=flytta&id=${officer}`;
    await expectShownAgain(await coordinator.post(move, { district: 'alvsjo' }), 400, messages.errors.VALIDATION);
    expectNext(await coordinator.post(move, { district: 'bromma' }), '/admin/?flyttad=1');

    const recompute = '/admin/?atgard=rakna-om';
    await expectShownAgain(await coordinator.post(recompute, {}, { csrf: false }), 403, messages.errors.CSRF_FAILED);
    expectNext(await coordinator.post(recompute, {}), '/admin/?indikator=1');
  });

  it('/admin/handlaggare/[userId]/ta-bort: only "Ja, ta bort" removes', async () => {
    const page = `/admin/handlaggare/${await userIdOf(officerEmail('sodermalm'))}/ta-bort`;
    await expectShownAgain(await coordinator.post(page, { confirm: 'nej' }), 400, messages.fields.confirmRemoval);
    expectNext(await coordinator.post(page, { confirm: 'ja' }), '/admin/?borttagen=1');
  });

  it('/admin/stadsdelar and /admin/stadsdelar/[slug]: adding and editing a district', async () => {
    const html = await expectShownAgain(
      await coordinator.post('/admin/stadsdelar', { name: 'Nya staden', slug: 'Nya Staden', validFrom: '2030-01-01' }),
      400,
      messages.fields.districtSlug,
    );
    expect(html).toContain('value="Nya staden"');
    expectNext(
      await coordinator.post('/admin/stadsdelar', { name: 'Nya staden', slug: 'nya-staden', validFrom: '2030-01-01' }),
      '/admin/stadsdelar?tillagd=nya-staden',
    );
    await expectShownAgain(
      await coordinator.post('/admin/stadsdelar/nya-staden', {
        name: 'Nya staden',
        validTo: '2029-12-31',
        successor: '',
      }),
      400,
      messages.errors.DISTRICT_DATES,
    );
    expectNext(
      await coordinator.post('/admin/stadsdelar/nya-staden', { name: 'Nyaste staden', validTo: '', successor: '' }),
      '/admin/stadsdelar?sparad=1',
    );
  });

  it('/admin/rektor: changing a school’s principal', async () => {
    const { school } = await registerAndSignIn(portal, { district: 'farsta' });
    const fields = { schoolUnitCode: '99999999', principalName: 'Björn Ek', principalEmail: 'bjorn.ek@skola.example' };
    await expectShownAgain(await coordinator.post('/admin/rektor', fields), 400, messages.fields.unknownSchool);
    expectNext(
      await coordinator.post('/admin/rektor', { ...fields, schoolUnitCode: school.schoolUnitCode }),
      '/admin/rektor?skickad=1',
    );
  });

  it('/admin/mallar: a version the content does not hold is refused on the page', async () => {
    await expectShownAgain(await coordinator.post('/admin/mallar', { version: '999' }), 404, messages.errors.NOT_FOUND);
    // Version 1 is published already (the seed), so no version is left here to publish.
    await expectShownAgain(
      await coordinator.post('/admin/mallar', { version: '1' }),
      409,
      messages.errors.TEMPLATE_PUBLISHED,
    );
  });

  it('/admin/skolor: an uploaded file is previewed, a bad file shows its rows first, a good one is read in', async () => {
    const header = 'skolenhetskod;namn;skolformer;stadsdel;funktionsadress';
    const good = `${header}\n76000001;Formskolan;grundskola;Bromma;formskolan@edu.stockholm.example`;
    await expectShownAgain(
      await coordinator.post('/admin/skolor?atgard=forhandsgranska', { csv: '' }),
      400,
      messages.import.noFile,
    );
    // As a browser sends it: the file itself, multipart.
    const body = `--grans\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${await coordinator.csrf()}\r\n--grans\r\nContent-Disposition: form-data; name="fil"; filename="skolor.csv"\r\nContent-Type: text/csv\r\n\r\n${good}\r\n--grans--\r\n`;
    const cookie = [...coordinator.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const uploaded = await portal.fetch('/admin/skolor?atgard=forhandsgranska', {
      method: 'POST',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=grans' },
      body,
    });
    const preview = await uploaded.text();
    expect(uploaded.status, preview.slice(preview.indexOf('<main'), preview.indexOf('<main') + 600)).toBe(200);
    expect(preview).toContain('1 nya, 0 ändrade och 0 oförändrade skolor');
    expect(preview).toContain('action="?atgard=las-in"');
    await expectShownAgain(
      await coordinator.post('/admin/skolor?atgard=las-in', {
        csv: `${header}\n7600000;Kort;grundskola;Bromma;a@b.example`,
      }),
      400,
      'Rad 2: Skolenhetskoden ska vara 8 siffror',
    );
    expectNext(await coordinator.post('/admin/skolor?atgard=las-in', { csv: good }), '/admin/skolor?nya=1&andrade=0');
  });

  it('/admin/e-post: resending and discarding; a message handled meanwhile is a conflict on the page', async () => {
    expectNext(
      await coordinator.post(`/admin/e-post?atgard=skicka-igen&id=${await failedMail(portal)}`, {}),
      '/admin/e-post?skickas=1',
    );
    const discarded = await failedMail(portal);
    expectNext(await coordinator.post(`/admin/e-post?atgard=kasta&id=${discarded}`, {}), '/admin/e-post?kastat=1');
    await expectShownAgain(
      await coordinator.post(`/admin/e-post?atgard=skicka-igen&id=${discarded}`, {}),
      409,
      messages.errors.MAIL_HANDLED,
    );
    await expectShownAgain(
      await coordinator.post(`/admin/e-post?atgard=kasta&id=${discarded}`, {}),
      409,
      messages.errors.MAIL_HANDLED,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmAsDistrict,
  confirmedAgreement,
  officerOf,
  schoolWithDraft,
  signAsSchool,
} from '../support/agreement-flows';
import { registerAndSignIn, signIn } from '../support/flows';
import { Visitor } from '../support/client';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { summaryFirstInMain } from '../support/form-answers';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

describe('the school’s own page', () => {
  it('shows the agreement and its next step at every stage', async () => {
    const fresh = await registerAndSignIn(portal);
    expect(await (await fresh.visitor.get('/skola/')).text()).toContain(
      'href="/skola/overenskommelse">Påbörja överenskommelsen</a>',
    );

    const { visitor, agreementId } = await schoolWithDraft(portal, { district: 'norra-innerstaden' });
    expect(await (await visitor.get('/skola/')).text()).toContain(
      `href="/skola/overenskommelse/utkast?id=${agreementId}">Fortsätt med utkastet</a>`,
    );
    await signAsSchool(visitor, agreementId);
    expect(await (await visitor.get('/skola/')).text()).toContain(
      'Nästa steg: stadsdelsförvaltningen bekräftar överenskommelsen',
    );
    await confirmAsDistrict(await officerOf(portal, 'norra-innerstaden'), agreementId);
    const valid = await (await visitor.get('/skola/')).text();
    expect(valid).toMatch(/<strong>Status:<\/strong>\s+Giltig, gäller till och med/);
    expect(valid).toContain(`href="/overenskommelse/utskrift/${agreementId}">Skriv ut</a>`);
  });
});

describe('the school’s two forms answer on /skola/', () => {
  it('the function address: a wrong one comes back there with the summary first for that form; a right one goes on', async () => {
    const { visitor, school } = await registerAndSignIn(portal);
    expect(await (await visitor.get('/skola/')).text()).toContain(`action="?atgard=kontakt&amp;skola=${school.id}"`);
    const wrong = await visitor.post(`/skola/?atgard=kontakt&skola=${school.id}`, { contactEmail: 'inte-en-adress' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toMatch(summaryFirstInMain);
    expect(html).toContain(`href="#s${school.id}-contactEmail"`);
    expect(html).toContain('value="inte-en-adress"');
    // An address that holds a district role is refused at the address field itself.
    const conflict = await visitor.post(`/skola/?atgard=kontakt&skola=${school.id}`, {
      contactEmail: officerEmail('bromma'),
    });
    expect(conflict.status).toBe(409);
    const conflictHtml = await conflict.text();
    expect(conflictHtml).toContain(`href="#s${school.id}-contactEmail"`);
    expect(conflictHtml).toContain(`id="s${school.id}-contactEmail-error"`);
    const right = await visitor.post(`/skola/?atgard=kontakt&skola=${school.id}`, {
      contactEmail: 'ny.expedition@skola.example',
    });
    expect([right.status, right.headers.get('location')]).toEqual([303, '/skola/?andrat=kontakt']);
  });

  it('the change of principal: an officer’s address is refused at its field (409); a new principal gets a link', async () => {
    const { visitor, school } = await registerAndSignIn(portal);
    const conflict = await visitor.post(`/skola/?atgard=rektor&skola=${school.id}`, {
      principalName: 'Handläggaren',
      principalEmail: officerEmail('bromma'),
    });
    expect(conflict.status).toBe(409);
    const html = await conflict.text();
    expect(html).toMatch(summaryFirstInMain);
    expect(html).toContain(`href="#r${school.id}-principalEmail"`);
    expect(html).toContain('value="Handläggaren"');
    const sent = await visitor.post(`/skola/?atgard=rektor&skola=${school.id}`, {
      principalName: 'Ny Rektor',
      principalEmail: `ny.${school.schoolUnitCode}@skola.example`,
    });
    expect([sent.status, sent.headers.get('location')]).toEqual([303, '/skola/?andrat=rektor']);
  });
});

describe('the public district page', () => {
  it('shows its schools’ participation as counts, without naming a school or a person', async () => {
    const { form } = await confirmedAgreement(portal, 'skarholmen');
    const html = await (await portal.fetch('/stadsdelar/skarholmen/')).text();
    expect(html).toContain('Skolornas deltagande');
    expect(html).toMatch(/<th scope="row">Fristående<\/th><td>1<\/td><td>1<\/td>/);
    expect(html).not.toContain(form.name as string);
    expect(html).not.toContain(form.principalEmail as string);
  });
});

describe('the statistics', () => {
  it('the coordinator can recompute them now instead of waiting for the night', async () => {
    await confirmedAgreement(portal, 'jarva');
    const coordinator = new Visitor(portal);
    await signIn(portal, coordinator, coordinatorEmail);
    const res = await coordinator.post('/admin/?atgard=rakna-om', {});
    expect(res.headers.get('location')).toBe('/admin/?indikator=1');
    const stats = (await (await portal.fetch('/api/oppna-data/indikator.json')).json()) as {
      rader: Record<string, string | number>[];
    };
    expect(stats.rader.find((r) => r['stadsdel'] === 'Järva' && r['typ'] === 'fristaende')).toMatchObject({
      med_giltig_overenskommelse: 1,
    });
  });
});

describe('the agreement template page', () => {
  it('says that version 1 is the portal’s rendering of appendix 1 and shows the portal’s own rules as defaults', async () => {
    const html = (await (await portal.fetch('/overenskommelse/')).text()).replace(/\s+/g, ' ');
    expect(html).toContain('portalens återgivning av mallen i bilaga 1');
    expect(html).toContain('Portalens standardregler');
    expect(html).toContain('gäller i ett år');
    expect(html).toContain('inom 90 dagar');
    expect(html).toContain('från 60 dagar innan');
  });
});

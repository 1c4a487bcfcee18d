import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { Visitor } from '../support/client';
import { registerAndSignIn, signIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

describe('who may see and do what', () => {
  it('sends anonymous visitors to sign in', async () => {
    for (const path of ['/skola/', '/stadsdel/', '/admin/']) {
      const res = await new Visitor(portal).get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe(`/logga-in?tillbaka=${encodeURIComponent(path)}`);
    }
  });

  it('shows a school only its own pages, and refuses changes to another school', async () => {
    const a = await registerAndSignIn(portal, { name: 'Skola A' });
    const b = await registerAndSignIn(portal, { name: 'Skola B' });
    const mine = await (await a.visitor.get('/skola/')).text();
    expect(mine).toContain('Skola A');
    expect(mine).not.toContain('Skola B');
    expect(mine).not.toContain(b.form.principalEmail as string);
    const res = await a.visitor.post(`/skola/?atgard=kontakt&skola=${b.school.id}`, {
      contactEmail: 'kapad@ond.example',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Du har inte behörighet till det här.');
    const handover = await a.visitor.post(`/skola/?atgard=rektor&skola=${b.school.id}`, {
      principalName: 'Ond',
      principalEmail: 'ond@ond.example',
    });
    expect(handover.status).toBe(403);
  });

  it('keeps schools and officers out of the coordinator’s desk', async () => {
    const { visitor } = await registerAndSignIn(portal);
    expect((await visitor.get('/admin/')).status).toBe(403);
    expect(
      (await visitor.post('/admin/?atgard=bjud-in', { name: 'X', email: 'x@x.example', district: 'bromma' })).status,
    ).toBe(403);
    const officer = new Visitor(portal);
    await signIn(portal, officer, officerEmail('bromma'));
    expect((await officer.get('/admin/')).status).toBe(403);
    expect((await officer.get('/skola/')).status).toBe(403);
  });

  it('shows an officer only the district’s own schools', async () => {
    await registerAndSignIn(portal, { name: 'Skola i Bromma', district: 'bromma' });
    await registerAndSignIn(portal, { name: 'Skola i Farsta', district: 'farsta' });
    const officer = new Visitor(portal);
    await signIn(portal, officer, officerEmail('bromma'));
    const html = await (await officer.get('/stadsdel/')).text();
    expect(html).toContain('Skola i Bromma');
    expect(html).not.toContain('Skola i Farsta');
  });

  it('lets the coordinator in', async () => {
    const coordinator = new Visitor(portal);
    await signIn(portal, coordinator, coordinatorEmail);
    const res = await coordinator.get('/admin/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Bjud in en handläggare');
  });

  it('lists the outbox locally, at /dev/mail and /api/dev/mail', async () => {
    await new Visitor(portal).post('/logga-in', { email: coordinatorEmail });
    expect(await (await portal.fetch('/dev/mail')).text()).toContain('Din inloggningslänk till Samverkansportalen');
    const json = (await (await portal.fetch('/api/dev/mail')).json()) as { messages: { links: string[] }[] };
    expect(json.messages.some((m) => m.links.some((l) => l.includes('/logga-in/bekrafta?token=')))).toBe(true);
  });
});

import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { outbox, sessions, signInTokens } from '../../functions/db/schema';
import { sha256Hex } from '../../functions/domain/crypto';
import { Visitor } from '../support/client';
import { registerAndSignIn, signIn } from '../support/flows';
import { summaryFirstInMain } from '../support/form-answers';
import { linkFor, startPortal, tokenOf, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

const rows = async () => ({
  tokens: (await portal.db.select({ n: count() }).from(signInTokens))[0]?.n ?? 0,
  mails: (await portal.db.select({ n: count() }).from(outbox))[0]?.n ?? 0,
});

describe('sign-in by e-mail link', () => {
  it('answers the same for a known and an unknown address, doing the same work', async () => {
    const before = await rows();
    const known = await new Visitor(portal).post('/logga-in', { email: officerEmail('bromma') });
    const middle = await rows();
    const unknown = await new Visitor(portal).post('/logga-in', { email: 'ingen.alls@okand.example' });
    const after = await rows();
    expect([known.status, unknown.status]).toEqual([303, 303]);
    expect(known.headers.get('location')).toBe(unknown.headers.get('location'));
    expect(middle.tokens - before.tokens).toBe(after.tokens - middle.tokens);
    expect(middle.mails - before.mails).toBe(after.mails - middle.mails);
    const [note] = await portal.db.select().from(outbox).where(eq(outbox.to, 'ingen.alls@okand.example'));
    expect(note?.subject).toBe('Inloggning till Samverkansportalen');
  });

  it('stores only a hash of a 256-bit token that lasts 15 minutes', async () => {
    await new Visitor(portal).post('/logga-in', { email: officerEmail('farsta') });
    const token = tokenOf(await linkFor(portal, officerEmail('farsta')));
    expect(Buffer.from(token, 'base64url').length).toBe(32);
    const [row] = await portal.db
      .select()
      .from(signInTokens)
      .where(eq(signInTokens.tokenHash, await sha256Hex(token)));
    expect(row).toBeDefined();
    expect(new Date(row!.expiresAt).getTime() - new Date(row!.createdAt).getTime()).toBe(15 * 60_000);
    const [plain] = await portal.db.select().from(signInTokens).where(eq(signInTokens.tokenHash, token));
    expect(plain).toBeUndefined();
  });

  it('sends each role to its own start page', async () => {
    const coordinator = new Visitor(portal);
    expect((await signIn(portal, coordinator, coordinatorEmail)).headers.get('location')).toBe('/admin/');
    const officer = new Visitor(portal);
    expect((await signIn(portal, officer, officerEmail('jarva'))).headers.get('location')).toBe('/stadsdel/');
    expect(await (await officer.get('/stadsdel/')).text()).toContain('Stadsdelsförvaltningen Järva');
  });

  it('refuses a reused token', async () => {
    const visitor = new Visitor(portal);
    await signIn(portal, visitor, officerEmail('kungsholmen'));
    const again = await visitor.post('/logga-in/bekrafta', {
      token: tokenOf(await linkFor(portal, officerEmail('kungsholmen'))),
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Inloggningslänken fungerar inte');
  });

  it('lets two racing requests with one token open one session', async () => {
    await new Visitor(portal).post('/logga-in', { email: officerEmail('skarpnack') });
    const token = tokenOf(await linkFor(portal, officerEmail('skarpnack')));
    const before = (await portal.db.select({ n: count() }).from(sessions))[0]?.n ?? 0;
    const results = await Promise.all([1, 2, 3].map(() => new Visitor(portal).post('/logga-in/bekrafta', { token })));
    expect(results.map((r) => r.status).sort()).toEqual([303, 400, 400]);
    expect(((await portal.db.select({ n: count() }).from(sessions))[0]?.n ?? 0) - before).toBe(1);
  });

  it('refuses an expired token', async () => {
    await new Visitor(portal).post('/logga-in', { email: officerEmail('bromma') });
    const token = tokenOf(await linkFor(portal, officerEmail('bromma')));
    await portal.db
      .update(signInTokens)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(signInTokens.tokenHash, await sha256Hex(token)));
    const res = await new Visitor(portal).post('/logga-in/bekrafta', { token });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('äldre än 15 minuter');
  });

  it('refuses a forged token', async () => {
    const res = await new Visitor(portal).post('/logga-in/bekrafta', {
      token: Buffer.alloc(32, 7).toString('base64url'),
    });
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('__Host-session='))).toBe(false);
  });

  it('refuses a sign-in post without the CSRF token', async () => {
    const res = await new Visitor(portal).post('/logga-in', { email: coordinatorEmail }, { csrf: false });
    expect(res.status).toBe(403);
  });

  it('rate limits per address and per client, with a clear message', async () => {
    const email = officerEmail('hasselby-vallingby');
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await new Visitor(portal).post('/logga-in', { email })).status);
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);

    const client = new Visitor(portal, '192.0.2.77');
    const perClient = [];
    for (let i = 0; i < 31; i += 1)
      perClient.push(await client.post('/logga-in', { email: `person${i}@okand.example` }));
    const last = perClient.at(-1)!;
    expect(last.status).toBe(429);
    expect(await last.text()).toContain('Du har gjort för många försök på kort tid');
  });

  it('ends the session on the server when signing out', async () => {
    const { visitor } = await registerAndSignIn(portal);
    const stolen = visitor.cookies.get('__Host-session');
    expect((await visitor.post('/logga-ut', {})).headers.get('location')).toBe('/logga-in/utloggad');
    const replay = new Visitor(portal);
    replay.cookies.set('__Host-session', stolen ?? '');
    const res = await replay.get('/skola/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/logga-in/);
  });

  it('lets the coordinator invite an officer, who then signs in with the link', async () => {
    const coordinator = new Visitor(portal);
    await signIn(portal, coordinator, coordinatorEmail);
    const res = await coordinator.post('/admin/?atgard=bjud-in', {
      name: 'Nina Ny',
      email: 'nina.ny@stockholm.example',
      district: 'farsta',
    });
    expect(res.status).toBe(303);
    const officer = new Visitor(portal);
    const signedIn = await officer.post('/logga-in/bekrafta', {
      token: tokenOf(await linkFor(portal, 'nina.ny@stockholm.example')),
    });
    expect(signedIn.headers.get('location')).toBe('/stadsdel/');
    expect(await (await officer.get('/stadsdel/')).text()).toContain('Stadsdelsförvaltningen Farsta');
    const bad = await coordinator.post('/admin/?atgard=bjud-in', { name: '', email: 'x', district: 'atlantis' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Ange handläggarens namn');
    expect(html).toContain('Välj stadsdel');
  });
});

describe('the sign-in forms answer on their own pages', () => {
  it('/logga-in: a wrong address comes back there with the summary first and the answer kept; a right one goes on', async () => {
    const visitor = new Visitor(portal);
    const page = await (await visitor.get('/logga-in')).text();
    expect(page).not.toContain('action="/api/');
    const wrong = await visitor.post('/logga-in', { email: 'inte en adress' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toMatch(summaryFirstInMain);
    expect(html).toContain('href="#email"');
    expect(html).toContain('value="inte en adress"');
    const sent = await visitor.post('/logga-in', { email: 'ingen.alls.igen@okand.example' });
    expect([sent.status, sent.headers.get('location')]).toEqual([303, '/logga-in/skickat']);
  });

  it('/logga-in/bekrafta: a spent link comes back there with the summary first; a fresh one signs in', async () => {
    const email = officerEmail('hasselby-vallingby');
    await new Visitor(portal).post('/logga-in', { email });
    const token = tokenOf(await linkFor(portal, email));
    const visitor = new Visitor(portal);
    const page = await (await visitor.get(`/logga-in/bekrafta?token=${token}`)).text();
    expect(page).toMatch(/<form method="post">/);
    const signedIn = await visitor.post(`/logga-in/bekrafta?token=${token}`, { token });
    expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, '/stadsdel/']);
    const spent = await new Visitor(portal).post(`/logga-in/bekrafta?token=${token}`, { token });
    expect(spent.status).toBe(400);
    expect(await spent.text()).toMatch(summaryFirstInMain);
  });

  it('/logga-ut: a page with the button; a form without its token comes back there with the summary first; the button signs out', async () => {
    const { visitor } = await registerAndSignIn(portal);
    const page = await visitor.get('/logga-ut');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<h1>Logga ut<\/h1>/);
    const forged = await visitor.post('/logga-ut', {}, { csrf: false });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(summaryFirstInMain);
    expect((await visitor.get('/skola/')).status).toBe(200);
    const out = await visitor.post('/logga-ut', {});
    expect([out.status, out.headers.get('location')]).toEqual([303, '/logga-in/utloggad']);
    expect(visitor.cookies.has('__Host-session')).toBe(false);
  });
});

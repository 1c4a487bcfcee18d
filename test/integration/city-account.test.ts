import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { identities, outbox, sessions, signInTokens, users } from '../../functions/db/schema';
import { messages } from '../../functions/messages';
import { subjectOf } from '../../scripts/lib/local-oidc';
import { cityAccountCallback, signInWithCityAccount, startPortalWithCityAccount } from '../support/city-account';
import { Visitor } from '../support/client';
import { registerAndSignIn } from '../support/flows';
import { summaryFirstInMain } from '../support/form-answers';

// Officers and the coordinator sign in with the city's account: the whole flow, against a real
// OpenID provider (oidc-provider), with the portal's checks of state, code, nonce and ID token.

let portal: Awaited<ReturnType<typeof startPortalWithCityAccount>>;
beforeAll(async () => {
  portal = await startPortalWithCityAccount();
});
afterAll(async () => portal?.close());
afterEach(() => vi.useRealTimers());

const userId = async (email: string) =>
  (await portal.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? 0;
const sessionCount = async (email: string) =>
  (
    await portal.db
      .select({ n: count() })
      .from(sessions)
      .where(eq(sessions.userId, await userId(email)))
  )[0]?.n ?? 0;
const refusalText = async (res: { text: () => Promise<string> }) => (await res.text()).replaceAll('&#39;', "'");

describe('signing in with the city’s account', () => {
  it('offers the button on the sign-in page', async () => {
    const res = await new Visitor(portal).get('/logga-in');
    const page = await res.text();
    expect(page).toContain('Logga in med stadens konto');
    expect(page).toContain('action="/logga-in/stadens-konto"');
    // Browsers hold the redirect after a form post to form-action too: the provider is allowed, no one else.
    expect(res.headers.get('content-security-policy')).toContain(`form-action 'self' ${portal.provider.issuer};`);
  });

  it('lands an invited officer on the district’s pages, linked by issuer and subject from then on', async () => {
    const visitor = new Visitor(portal);
    const email = officerEmail('bromma');
    const res = await signInWithCityAccount(visitor, email);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/stadsdel/');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await visitor.get('/stadsdel/')).status).toBe(200);
    const [link] = await portal.db
      .select()
      .from(identities)
      .where(eq(identities.userId, await userId(email)));
    expect(link).toMatchObject({ issuer: portal.provider.issuer, subject: subjectOf(email) });
    // The transient cookie is spent and is what a __Host- cookie must be.
    expect(visitor.cookies.has('__Host-oidc')).toBe(false);
  });

  it('keeps the transient state in a short-lived __Host- cookie that is HttpOnly, Secure and SameSite=Lax', async () => {
    const started = await new Visitor(portal).post('/logga-in/stadens-konto', {});
    const cookie = started.headers.getSetCookie().find((c) => c.startsWith('__Host-oidc=')) ?? '';
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const authorize = new URL(started.headers.get('location') ?? '');
    expect(authorize.origin).toBe(portal.provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://portal.test/logga-in/stadens-konto/svar');
  });

  it('starts on its own page: without the form token it comes back there with the summary first, with it on to the provider', async () => {
    const visitor = new Visitor(portal);
    const forged = await visitor.post('/logga-in/stadens-konto', {}, { csrf: false });
    expect(forged.status).toBe(403);
    const html = await refusalText(forged);
    expect(html).toMatch(summaryFirstInMain);
    expect(html).toContain(messages.errors.CSRF_FAILED);
    expect(visitor.cookies.has('__Host-oidc')).toBe(false);
    const started = await visitor.post('/logga-in/stadens-konto', {});
    expect(started.status).toBe(303);
    expect(new URL(started.headers.get('location') ?? '').origin).toBe(portal.provider.issuer);
  });

  it('refuses a wrong state', async () => {
    const visitor = new Visitor(portal);
    const callback = new URL(await cityAccountCallback(visitor, officerEmail('farsta')), 'http://portal.test');
    expect(callback.pathname).toBe('/logga-in/stadens-konto/svar');
    callback.searchParams.set('state', 'inte-det-tillstand-som-skickades');
    const res = await visitor.get(`${callback.pathname}${callback.search}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await refusalText(res);
    expect(html).toMatch(summaryFirstInMain);
    expect(html).toContain(messages.errors.CITY_SIGN_IN_FAILED);
    expect(visitor.cookies.has('__Host-session')).toBe(false);
  });

  it('refuses a callback without the browser’s transient cookie', async () => {
    const callback = await cityAccountCallback(new Visitor(portal), officerEmail('farsta'));
    const stranger = new Visitor(portal);
    const res = await stranger.get(callback);
    expect(res.status).toBe(400);
    expect(stranger.cookies.has('__Host-session')).toBe(false);
  });

  it('refuses a replayed code, even with the transient cookie kept', async () => {
    const visitor = new Visitor(portal);
    const callback = await cityAccountCallback(visitor, officerEmail('skarholmen'));
    const kept = visitor.cookies.get('__Host-oidc') ?? '';
    expect((await visitor.get(callback)).headers.get('location')).toBe('/stadsdel/');
    const replayer = new Visitor(portal);
    replayer.cookies.set('__Host-oidc', kept);
    const replay = await replayer.get(callback);
    expect(replay.status).toBe(400);
    expect(await refusalText(replay)).toContain(messages.errors.CITY_SIGN_IN_FAILED);
    expect(replayer.cookies.has('__Host-session')).toBe(false);
  });

  it('refuses an ID token with another nonce', async () => {
    const visitor = new Visitor(portal);
    const before = await sessionCount(officerEmail('farsta'));
    const callback = await cityAccountCallback(visitor, officerEmail('farsta'), (authorize) =>
      authorize.searchParams.set('nonce', 'en-annan-nonce'),
    );
    const res = await visitor.get(callback);
    expect(res.status).toBe(400);
    expect(await refusalText(res)).toContain(messages.errors.CITY_SIGN_IN_FAILED);
    expect(await sessionCount(officerEmail('farsta'))).toBe(before);
  });

  it('refuses an expired ID token', async () => {
    const visitor = new Visitor(portal);
    // The provider runs in this process: its clock, not the portal's, is set two hours back, so
    // every token it issues (ID tokens live 10 minutes) has expired by the portal's clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 2 * 3_600_000);
    const before = await sessionCount(officerEmail('farsta'));
    const callback = await cityAccountCallback(visitor, officerEmail('farsta'));
    const res = await visitor.get(callback);
    vi.useRealTimers();
    expect(res.status).toBe(400);
    expect(await refusalText(res)).toContain(messages.errors.CITY_SIGN_IN_FAILED);
    expect(await sessionCount(officerEmail('farsta'))).toBe(before);
  });

  it('tells someone the coordinator has not invited, in Swedish, and writes nothing', async () => {
    for (const email of [
      'okand.person@stockholm.example',
      (await registerAndSignIn(portal)).form.principalEmail as string,
    ]) {
      const visitor = new Visitor(portal);
      const res = await signInWithCityAccount(visitor, email);
      expect(res.status).toBe(403);
      const page = await refusalText(res);
      expect(page).toContain('Du blev inte inloggad');
      expect(page).toContain('måste först bjudas in av stadens samordnare');
      expect(visitor.cookies.has('__Host-session')).toBe(false);
      expect(
        await portal.db
          .select()
          .from(identities)
          .where(and(eq(identities.issuer, portal.provider.issuer), eq(identities.subject, subjectOf(email)))),
      ).toEqual([]);
    }
  });

  it('lets an officer the coordinator invites sign in with the city’s account, the letter carrying no link that signs in', async () => {
    const email = 'nyinbjuden.handlaggare@stockholm.example';
    const coordinator = new Visitor(portal);
    await signInWithCityAccount(coordinator, coordinatorEmail);
    const invited = await coordinator.post('/admin/?atgard=bjud-in', {
      name: 'Nyinbjuden Handläggare',
      email,
      district: 'bromma',
    });
    expect(invited.headers.get('location')).toBe('/admin/?inbjuden=1');
    const [letter] = await portal.db.select().from(outbox).where(eq(outbox.to, email));
    expect(letter?.body).toContain('Logga in med stadens konto');
    expect(letter?.body).not.toContain('/logga-in/bekrafta');
    expect(
      await portal.db
        .select()
        .from(signInTokens)
        .where(eq(signInTokens.userId, await userId(email))),
    ).toEqual([]);
    const officer = new Visitor(portal);
    expect((await signInWithCityAccount(officer, email)).headers.get('location')).toBe('/stadsdel/');
  });

  it('ends a removed officer’s sessions and refuses them at the provider’s next sign-in', async () => {
    const email = officerEmail('farsta');
    const officer = new Visitor(portal);
    expect((await signInWithCityAccount(officer, email)).headers.get('location')).toBe('/stadsdel/');
    const coordinator = new Visitor(portal);
    expect((await signInWithCityAccount(coordinator, coordinatorEmail)).headers.get('location')).toBe('/admin/');
    const removed = await coordinator.post(`/admin/handlaggare/${await userId(email)}/ta-bort`, { confirm: 'ja' });
    expect(removed.headers.get('location')).toBe('/admin/?borttagen=1');
    expect((await officer.get('/stadsdel/')).status).toBe(303);
    const again = new Visitor(portal);
    const res = await signInWithCityAccount(again, email);
    expect(res.status).toBe(403);
    expect(await refusalText(res)).toContain(messages.errors.ROLE_REMOVED);
    expect(await sessionCount(email)).toBe(0);
  });

  it('signs staff out at the provider too', async () => {
    const visitor = new Visitor(portal);
    await signInWithCityAccount(visitor, officerEmail('kungsholmen'));
    const res = await visitor.post('/logga-ut', {});
    expect(res.status).toBe(303);
    const end = new URL(res.headers.get('location') ?? '');
    expect(end.origin).toBe(portal.provider.issuer);
    expect(end.searchParams.get('client_id')).toBe('samverkansportalen-test');
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe('http://portal.test/logga-in/utloggad');
    expect(await sessionCount(officerEmail('kungsholmen'))).toBe(0);
    // The provider accepts the address it is to send the browser back to (no session of its own
    // here, so it confirms the sign-out at once) and sends the browser there.
    const asked = await fetch(end, { redirect: 'manual' });
    const atProvider = await asked.text();
    const confirm = await fetch(/action="([^"]+)"/.exec(atProvider)?.[1] ?? '', {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: asked.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
      body: new URLSearchParams({
        xsrf: /name="xsrf" value="([^"]+)"/.exec(atProvider)?.[1] ?? '',
        logout: 'yes',
      }).toString(),
    });
    expect(confirm.headers.get('location')).toBe('http://portal.test/logga-in/utloggad');
  });
});

describe('e-mail links where the city’s account is configured', () => {
  const mailTo = async (email: string) => (await portal.db.select().from(outbox).where(eq(outbox.to, email))).at(-1);
  const rows = async () => ({
    tokens: (await portal.db.select({ n: count() }).from(signInTokens))[0]?.n ?? 0,
    mails: (await portal.db.select({ n: count() }).from(outbox))[0]?.n ?? 0,
  });

  it('sends staff a note to use the city’s account instead of a link, with the same answer and work', async () => {
    const school = await registerAndSignIn(portal, { district: 'bromma' });
    const answers = [];
    const work = [];
    for (const email of [
      officerEmail('bromma'),
      coordinatorEmail,
      school.form.principalEmail as string,
      'ingen.alls@okand.example',
    ]) {
      const before = await rows();
      answers.push((await new Visitor(portal).post('/logga-in', { email })).headers.get('location'));
      const after = await rows();
      work.push([after.tokens - before.tokens, after.mails - before.mails]);
    }
    expect(new Set(answers)).toEqual(new Set(['/logga-in/skickat']));
    expect(work).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    for (const email of [officerEmail('bromma'), coordinatorEmail]) {
      const note = await mailTo(email);
      expect(note?.subject).toBe(messages.mail.cityAccountSubject);
      expect(note?.body).not.toContain('/logga-in/bekrafta');
      expect(note?.body).toContain('http://portal.test/logga-in');
    }
    expect((await mailTo(school.form.principalEmail as string))?.subject).toBe(messages.mail.signInSubject);
    // The staff member's token row opens nothing.
    const staffTokens = await portal.db
      .select()
      .from(signInTokens)
      .where(eq(signInTokens.userId, await userId(coordinatorEmail)));
    expect(staffTokens).toEqual([]);
  });
});

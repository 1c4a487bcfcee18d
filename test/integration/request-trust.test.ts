import { connect } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { outbox } from '../../functions/db/schema';
import { securityHeaders } from '../../functions/http/security-headers';
import { messages } from '../../functions/messages';
import { confirmedAgreement } from '../support/agreement-flows';
import { Visitor, register, validRegistration } from '../support/client';
import { registerAndSignIn, signIn } from '../support/flows';
import { linkFor, startPortal, tokenOf, type Portal } from '../support/portal';

// Issue 9: what the portal sends and accepts depends on its configuration and the signed-in
// session, never on what a request claims about itself.

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

const origin = 'http://portal.test';

/** A form post from a visitor's browser, with headers of our choosing and the token it is given. */
async function post(
  visitor: Visitor,
  path: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
  csrf?: string,
) {
  const body = new URLSearchParams({ csrf: csrf ?? (await visitor.csrf()) });
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return portal.fetch(path, {
    method: 'POST',
    headers: {
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': visitor.ip,
      ...headers,
    },
    body: body.toString(),
  });
}

const mailsTo = (to: string) => portal.db.select().from(outbox).where(eq(outbox.to, to));

describe('links come from the configured origin', () => {
  const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

  it('whatever Host and X-Forwarded-Host a sign-in request or a registration carries', async () => {
    const form = validRegistration();
    const { schoolUnitCode, ...answers } = form;
    const registering = new Visitor(portal);
    const keep = (res: Awaited<ReturnType<typeof post>>) =>
      registering.cookies.set(
        '__Host-registrering',
        /__Host-registrering=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '',
      );
    const lookedUp = await post(
      registering,
      'http://evil.example/registrera',
      { schoolUnitCode: schoolUnitCode as string },
      forged,
    );
    expect(lookedUp.status).toBe(303);
    keep(lookedUp);
    const filledIn = await post(registering, 'http://evil.example/registrera/uppgifter', answers, forged);
    expect(filledIn.status).toBe(303);
    keep(filledIn);
    expect((await post(registering, 'http://evil.example/registrera/kontrollera', {}, forged)).status).toBe(303);
    expect(
      (await post(new Visitor(portal), 'http://evil.example/logga-in', { email: officerEmail('bromma') }, forged))
        .status,
    ).toBe(303);
    expect(
      (await post(new Visitor(portal), 'http://evil.example/logga-in', { email: 'okand.adress@annan.example' }, forged))
        .status,
    ).toBe(303);
    const mails = [
      ...(await mailsTo(form.principalEmail as string)),
      ...(await mailsTo(officerEmail('bromma'))),
      ...(await mailsTo('okand.adress@annan.example')),
    ];
    expect(mails).toHaveLength(3);
    for (const mail of mails) {
      expect(mail.links.length).toBeGreaterThan(0);
      for (const link of mail.links) expect(link.startsWith(`${origin}/`), link).toBe(true);
      expect(mail.body).not.toContain('evil.example');
    }
  });

  it('on the printed agreement, the address where it is verified', async () => {
    const { visitor, agreementId } = await confirmedAgreement(portal);
    const res = await portal.fetch(`http://evil.example/overenskommelse/utskrift/${agreementId}`, {
      headers: { ...forged, cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(200);
    const printed = await res.text();
    expect(printed).toContain(`>${origin}/verifiera</a>`);
    expect(printed).not.toContain('evil.example');
  });
});

describe('no live token in D1', () => {
  /** Every string in every table that has the shape of a token (43 base64url characters). */
  async function tokenShapedStrings(): Promise<string[]> {
    const tables = await portal.env.DB.prepare(
      "select name from sqlite_master where type = 'table' and name not like '\\_cf\\_%' escape '\\'",
    ).all<{ name: string }>();
    const found = new Set<string>();
    for (const { name } of tables.results) {
      const rows = await portal.env.DB.prepare(`select * from "${name}"`).all();
      for (const match of JSON.stringify(rows.results).matchAll(/(?<![\w-])[\w-]{43}(?![\w-])/g)) found.add(match[0]);
    }
    return [...found];
  }

  it('keeps no token that signs in, while the rendered message at /dev/mail does', async () => {
    const form = validRegistration();
    expect((await register(new Visitor(portal), form)).status).toBe(303);
    expect((await new Visitor(portal).post('/logga-in', { email: coordinatorEmail })).status).toBe(303);

    const candidates = await tokenShapedStrings();
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    for (const token of candidates) {
      const tried = await new Visitor(portal).post('/logga-in/bekrafta', { token });
      expect(tried.status, `token from D1: ${token}`).toBe(400);
    }

    const shown = (await (await portal.fetch('/api/dev/mail')).json()) as {
      messages: { to: string; body: string; links: string[] }[];
    };
    const [principalMail] = shown.messages.filter((m) => m.to === form.principalEmail);
    const link = principalMail?.links.find((l) => l.includes('/logga-in/bekrafta?token=')) ?? '';
    expect(principalMail?.body).toContain(link);
    expect(await (await portal.fetch('/dev/mail')).text()).toContain(link.replaceAll('&', '&amp;'));
    const principal = new Visitor(portal);
    expect((await principal.post('/logga-in/bekrafta', { token: tokenOf(link) })).status).toBe(303);
    const coordinator = new Visitor(portal);
    expect(
      (await coordinator.post('/logga-in/bekrafta', { token: tokenOf(await linkFor(portal, coordinatorEmail)) }))
        .status,
    ).toBe(303);
  });
});

describe('nothing personal is cached', () => {
  it('sends no-store on signed-in pages and API answers, and keeps the caching of public answers', async () => {
    const { visitor } = await registerAndSignIn(portal);
    for (const path of ['/skola/', '/logga-in', '/stadsdelar/']) {
      const res = await visitor.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const officer = new Visitor(portal);
    const signedIn = await signIn(portal, officer, officerEmail('farsta'));
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect((await portal.fetch('/api/dev/mail')).headers.get('cache-control')).toBe('no-store');
    expect((await portal.fetch('/dev/mail')).headers.get('cache-control')).toBe('no-store');

    expect((await visitor.get('/api/oppna-data/indikator.json')).headers.get('cache-control')).toBe(
      'public, max-age=300',
    );
    const content = await visitor.get('/riktlinjer/');
    expect(content.status).toBe(200);
    expect(content.headers.get('cache-control') ?? '').not.toContain('no-store');
  });
});

describe('a form is accepted only from its own session and site', () => {
  it('refuses a token from another session, or from before signing in', async () => {
    const a = new Visitor(portal);
    await signIn(portal, a, officerEmail('skarholmen'));
    const b = new Visitor(portal);
    await signIn(portal, b, officerEmail('hasselby-vallingby'));
    // B's browser sends A's cookie id and A's token: only A's session makes that token.
    b.cookies.set('__Host-csrf', a.cookies.get('__Host-csrf') ?? '');
    const crossed = await post(b, '/logga-ut', {}, {}, await a.csrf());
    expect(crossed.status).toBe(403);
    expect(await crossed.text()).toContain(messages.errors.CSRF_FAILED);

    const c = new Visitor(portal);
    const before = await c.csrf();
    await signIn(portal, c, officerEmail('norra-innerstaden'));
    const stale = await post(c, '/logga-ut', {}, {}, before);
    expect(stale.status).toBe(403);
    expect((await post(c, '/logga-ut', {})).status).toBe(303);
  });

  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['the Origin the request claims as Host', { origin: 'http://evil.example', host: 'evil.example' }],
    ['an opaque Origin', { origin: 'null' }],
    ['an opaque Origin from another site', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ])('refuses %s even with a valid token', async (_, headers) => {
    const res = await post(new Visitor(portal), '/logga-in', { email: officerEmail('enskede-arsta-vantor') }, headers);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(messages.errors.CSRF_FAILED);
  });

  it.each([
    ['its own origin', { origin, 'sec-fetch-site': 'same-origin' }],
    ['a page of its own that sends no referrer', { origin: 'null', 'sec-fetch-site': 'same-origin' }],
    ['a client that names no origin', {}],
  ])('accepts a post from %s', async (_, headers) => {
    const res = await post(
      new Visitor(portal),
      '/logga-in',
      { email: `${Math.random().toString(36).slice(2)}@skola.example` },
      headers,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logga-in/skickat');
  });
});

describe('a post to a page', () => {
  /**
   * Requests one after another on one kept-alive connection, as a browser sends them: the next
   * goes once the answer before it has begun and settled. Gives the answers' status codes.
   */
  function statusesOnOneConnection(
    requests: { path: string; headers: Record<string, string>; body: string }[],
  ): Promise<string[]> {
    const url = new URL(portal.url);
    const raw = requests.map(({ path, headers, body }) => {
      const lines = { host: url.host, 'content-length': String(Buffer.byteLength(body)), ...headers };
      return `POST ${path} HTTP/1.1\r\n${Object.entries(lines)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n${body}`;
    });
    return new Promise((resolve, reject) => {
      let answer = '';
      const statuses = () => [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1] as string);
      const done = () => {
        socket.destroy();
        resolve(statuses());
      };
      const socket = connect(Number(url.port), url.hostname, () => socket.write(raw[0] as string));
      socket.on('data', (chunk) => {
        answer += chunk.toString();
        const answered = statuses().length;
        if (answered === raw.length) setTimeout(done, 100);
        else if (answered > 0 && raw[answered]) {
          const next = raw[answered];
          raw[answered] = '';
          setTimeout(() => socket.write(next), 200);
        }
      });
      socket.on('error', reject);
      socket.on('close', done);
      setTimeout(done, 3000);
    });
  }

  it.each([
    ['an on-demand page', '/ingen-behorighet', {}],
    ['an on-demand page, from another site', '/sok', { origin: 'https://evil.example' }],
  ])('to %s is read to its end and refused in Swedish', async (_, path, headers) => {
    const res = await post(new Visitor(portal), path, { email: 'x'.repeat(20_000) }, headers);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.text()).toBe(messages.errors.METHOD_NOT_ALLOWED);
    for (const [name, value] of Object.entries(securityHeaders)) expect(res.headers.get(name), name).toBe(value);
  });

  // Only pages the Worker renders: the asset layer answers a post to a prerendered page itself.
  it.each(['/ingen-behorighet', '/sok'])('to %s leaves the connection fit for the next form', async (path) => {
    const visitor = new Visitor(portal);
    const csrf = await visitor.csrf();
    const form = {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `__Host-csrf=${visitor.cookies.get('__Host-csrf')}`,
    };
    const statuses = await statusesOnOneConnection([
      { path, headers: form, body: `email=${'x'.repeat(20_000)}` },
      {
        path: '/logga-in',
        headers: form,
        body: new URLSearchParams({ csrf, email: officerEmail('hagersten-alvsjo') }).toString(),
      },
    ]);
    expect(statuses).toEqual(['405', '303']);
  });
});

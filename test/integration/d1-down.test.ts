import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../functions/messages';
import { Visitor, validRegistration } from '../support/client';
import { startPortalWithoutDatabase } from '../support/portal';
import { summaryFirstInMain } from '../support/form-answers';

let portal: Awaited<ReturnType<typeof startPortalWithoutDatabase>>;
beforeAll(async () => {
  portal = await startPortalWithoutDatabase();
});
afterAll(async () => portal?.close());

const unavailable = messages.errors.DB_UNAVAILABLE;

it('health answers 503 with a clear body when D1 does not answer', async () => {
  const res = await portal.fetch('/api/health');
  expect(res.status).toBe(503);
  const body = (await res.json()) as Record<string, unknown>;
  // Only the portal's own words: nothing of the database's error reaches the public answer.
  expect(body).toEqual({
    status: 'unavailable',
    message: unavailable,
    ok: false,
    version: expect.any(String),
    database: 'unavailable',
    error: 'D1 svarar inte',
  });
});

describe('pages that need D1', () => {
  it.each(['/stadsdelar/', '/stadsdelar/bromma/', '/overenskommelse/', '/verifiera?kod=SVK-2345-6789'])(
    '%s answers a Swedish 503 page, not a crash',
    async (path) => {
      const res = await portal.fetch(path);
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain('<html lang="sv"');
      expect(html).toContain('Tjänsten är tillfälligt otillgänglig');
    },
  );

  it('a signed-in user gets the same 503 page, not a sign-in loop', async () => {
    const visitor = new Visitor(portal);
    visitor.cookies.set('__Host-session', 'a'.repeat(43));
    const res = await visitor.get('/skola/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Tjänsten är tillfälligt otillgänglig');
  });
});

describe('the API', () => {
  it('answers JSON 503 with the Swedish message', async () => {
    const res = await portal.fetch('/api/dev/mail');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'DB_UNAVAILABLE', message: unavailable } });
  });

  it('answers a form post whose page cannot be shown with a Swedish 503 page that says the form was not sent', async () => {
    // A signed-in page needs D1 for the session itself.
    const visitor = new Visitor(portal);
    visitor.cookies.set('__Host-session', 'a'.repeat(43));
    const res = await visitor.post('/skola/?atgard=kontakt&skola=1', { contactEmail: 'kansli@skola.example' });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('Det gick inte att skicka formuläret');
    expect(html).toContain('Det du skickade har inte sparats');
  });

  it('answers a sign-in with its own page again, which needs no D1: the summary says why, the address is kept', async () => {
    const res = await new Visitor(portal).post('/logga-in', { email: 'rektor@skola.example' });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toMatch(summaryFirstInMain);
    expect(html).toContain(unavailable);
    expect(html).toContain('value="rektor@skola.example"');
  });

  it('answers the registration’s first step at its page: the code kept, the summary saying why', async () => {
    const code = validRegistration().schoolUnitCode as string;
    const res = await new Visitor(portal).post('/registrera', { schoolUnitCode: code });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toMatch(/<main[^>]*>\s*<div class="error-summary"/);
    expect(html).toContain(unavailable);
    expect(html).toContain(`value="${code}"`);
  });
});

it('content pages, sign-in and search still work without D1', async () => {
  for (const path of ['/riktlinjer/', '/logga-in', '/sok?q=sekretess', '/registrera'])
    expect((await portal.fetch(path)).status, path).toBe(200);
});

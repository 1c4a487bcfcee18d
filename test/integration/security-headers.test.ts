import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../functions/http/security-headers';
import { Visitor } from '../support/client';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

type Answer = Awaited<ReturnType<Portal['fetch']>>;

const expectSecurityHeaders = (res: Answer, what: string) => {
  for (const [name, value] of Object.entries(securityHeaders))
    expect(res.headers.get(name), `${what}: ${name}`).toBe(value);
};

describe('security headers on every kind of response', () => {
  const stylesheet = readdirSync('dist/client/_astro').find((f) => f.endsWith('.css'));

  it.each([
    ['a static file', '/favicon.svg', 200],
    ['a built stylesheet', `/_astro/${stylesheet}`, 200],
    ['the Pagefind script', '/pagefind/pagefind.js', 200],
    ['a prerendered page', '/riktlinjer/', 200],
    ['an on-demand page', '/logga-in', 200],
    ['an on-demand page that redirects', '/skola/', 303],
    ['an API JSON answer', '/api/health', 200],
    ['an API JSON error', '/api/finns-inte', 404],
    ['a page that does not exist', '/finns-inte', 404],
  ])('%s (%s)', async (what, path, status) => {
    const res = await portal.fetch(path);
    expect(res.status, what).toBe(status);
    expectSecurityHeaders(res, what);
  });

  it('keeps the long cache of built files beside the security headers', async () => {
    const res = await portal.fetch(`/_astro/${stylesheet}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('on form posts: a page with errors, a redirect and a refused form', async () => {
    const visitor = new Visitor(portal);
    const invalid = await visitor.post('/logga-in', { email: 'inte en adress' });
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid, 'a form with errors');
    const sent = await visitor.post('/logga-in', { email: 'okand@skola.example' });
    expect(sent.status).toBe(303);
    expectSecurityHeaders(sent, 'a redirect after a form');
    const refused = await visitor.post('/logga-in', { email: 'okand@skola.example' }, { csrf: false });
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused, 'a refused form');
  });

  it('lets the sign-in link page keep its stricter referrer policy', async () => {
    const res = await portal.fetch('/logga-in/bekrafta?token=x');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves no inline script or style, so the policy needs no hashes', async () => {
    const visitor = new Visitor(portal);
    for (const path of ['/', '/sok', '/sok?q=orosanm%C3%A4lan', '/registrera', '/stodmaterial/sekretess/']) {
      const html = await (await visitor.get(path)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle="|\son[a-z]+="/i);
    }
  });

  it('forbids framing, inline script and plugins in the policy itself', () => {
    const policy = securityHeaders['Content-Security-Policy'] ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
  });
});

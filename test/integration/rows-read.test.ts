import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestHarness } from 'wrangler';
import { fillInRegistration, register, validRegistration, Visitor } from '../support/client';
import { startPortal, type Portal } from '../support/portal';
import { productionConfig, productionVars } from '../support/production';

// The D1 rows-read header that `npm run bench` reads: in development on request, never deployed.
let portal: Portal;
let production: ReturnType<typeof createTestHarness>;
const config = productionConfig('rows-read', { mail: true });
beforeAll(async () => {
  portal = await startPortal();
  production = createTestHarness({ workers: [{ configPath: config.path, vars: productionVars }] });
  await production.listen();
  await production.getWorker().applyD1Migrations('DB');
});
afterAll(async () => {
  await Promise.all([portal?.close(), production?.close()]);
  config.remove();
});

const asking = { headers: { 'x-d1-rows-read': '1' } };

it('reports the rows a page read in development, with the page itself unchanged', async () => {
  const counted = await portal.fetch('/stadsdelar/sodermalm/', asking);
  const plain = await portal.fetch('/stadsdelar/sodermalm/');
  expect(Number(counted.headers.get('x-d1-rows-read'))).toBeGreaterThan(0);
  expect(plain.headers.has('x-d1-rows-read')).toBe(false);
  expect(await counted.text()).toBe(await plain.text());
});

it('sends a registration (its last step) in at most three sequential round trips to D1', async () => {
  // A first registration in this isolate also reads the district slugs its purge of the edge
  // needs (kept for the edge's lifetime, http/edge-cache.ts); the one measured is the usual case.
  expect((await register(new Visitor(portal), validRegistration())).status).toBe(303);
  const visitor = new Visitor(portal);
  expect((await fillInRegistration(visitor, validRegistration())).status).toBe(303);
  const sent = await portal.fetch('/registrera/kontrollera', {
    method: 'POST',
    headers: {
      ...asking.headers,
      cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': visitor.ip,
    },
    body: new URLSearchParams({ csrf: await visitor.csrf() }).toString(),
  });
  expect(sent.status).toBe(303);
  expect(sent.headers.get('location')).toMatch(/^\/registrera\/klar\?referens=/);
  expect(Number(sent.headers.get('x-d1-round-trips'))).toBeGreaterThan(0);
  expect(Number(sent.headers.get('x-d1-round-trips'))).toBeLessThanOrEqual(3);
});

it('never reports it outside development', async () => {
  const res = await production.fetch('/api/health', asking);
  expect(res.status).toBe(200);
  expect(res.headers.has('x-d1-rows-read')).toBe(false);
});

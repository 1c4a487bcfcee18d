import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestHarness } from 'wrangler';
import { startPortal, type Portal } from '../support/portal';

// The D1 rows-read header that `npm run bench` reads: in development on request, never deployed.
let portal: Portal;
let production: ReturnType<typeof createTestHarness>;
beforeAll(async () => {
  portal = await startPortal();
  production = createTestHarness({ workers: [{ configPath: 'dist/server/wrangler.json', vars: { APP_ENV: 'production' } }] });
  await production.listen();
  await production.getWorker().applyD1Migrations('DB');
});
afterAll(async () => Promise.all([portal?.close(), production?.close()]));

const asking = { headers: { 'x-d1-rows-read': '1' } };

it('reports the rows a page read in development, with the page itself unchanged', async () => {
  const counted = await portal.fetch('/stadsdelar/sodermalm/', asking);
  const plain = await portal.fetch('/stadsdelar/sodermalm/');
  expect(Number(counted.headers.get('x-d1-rows-read'))).toBeGreaterThan(0);
  expect(plain.headers.has('x-d1-rows-read')).toBe(false);
  expect(await counted.text()).toBe(await plain.text());
});

it('never reports it outside development', async () => {
  const res = await production.fetch('/api/health', asking);
  expect(res.status).toBe(200);
  expect(res.headers.has('x-d1-rows-read')).toBe(false);
});

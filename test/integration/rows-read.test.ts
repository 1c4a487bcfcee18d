import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestHarness } from 'wrangler';
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

it('never reports it outside development', async () => {
  const res = await production.fetch('/api/health', asking);
  expect(res.status).toBe(200);
  expect(res.headers.has('x-d1-rows-read')).toBe(false);
});

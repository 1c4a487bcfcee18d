import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPortalWithoutDatabase } from '../support/portal';

let portal: Awaited<ReturnType<typeof startPortalWithoutDatabase>>;
beforeAll(async () => {
  portal = await startPortalWithoutDatabase();
});
afterAll(async () => portal?.close());

it('health answers 503 with a clear body when D1 does not answer', async () => {
  const res = await portal.fetch('/api/health');
  expect(res.status).toBe(503);
  const body = (await res.json()) as { status: string; database: string; message: string };
  expect(body.status).toBe('unavailable');
  expect(body.database).toBe('unavailable');
  expect(body.message).toBe('Databasen svarar inte just nu. Försök igen om en stund.');
});

it('a page that needs D1 answers with a Swedish error page, not a crash', async () => {
  const res = await portal.fetch('/stadsdelar/bromma/');
  expect(res.status).toBeGreaterThanOrEqual(500);
  const html = await res.text();
  expect(html).toContain('<html lang="sv"');
  expect(html).toContain('tillfälligt otillgänglig');
});

it('content pages still work without D1', async () => {
  const res = await portal.fetch('/riktlinjer/');
  expect(res.status).toBe(200);
});

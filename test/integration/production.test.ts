import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestHarness } from 'wrangler';
import { testSecret } from '../support/portal';

// The same build with APP_ENV as deployed: the local mail viewer must not exist there.
let server: ReturnType<typeof createTestHarness>;
beforeAll(async () => {
  server = createTestHarness({ workers: [{ configPath: 'dist/server/wrangler.json', vars: { APP_ENV: 'production', PORTAL_SECRET: testSecret } }] });
  await server.listen();
  await server.getWorker().applyD1Migrations('DB');
});
afterAll(async () => server?.close());

it('answers 404 for /dev/mail and /api/dev/mail outside local development', async () => {
  expect((await server.fetch('/dev/mail')).status).toBe(404);
  expect((await server.fetch('/api/dev/mail')).status).toBe(404);
});

import { createTestHarness } from 'wrangler';
import { openDb } from '../../functions/db/client';
import { seedDatabase } from '../../functions/db/seed';

process.env['WRANGLER_SEND_METRICS'] = 'false';
process.env['WRANGLER_HIDE_BANNER'] = 'true';
process.env['CLOUDFLARE_CF_FETCH_ENABLED'] = 'false';

/**
 * The built Worker (Astro + Hono, `npm run build`) in real workerd with its own in-memory D1,
 * migrated and seeded. Every test file gets a portal of its own.
 */
export async function startPortal() {
  const server = createTestHarness({
    workers: [{ configPath: 'dist/server/wrangler.json', vars: { APP_ENV: 'development' } }],
  });
  const { url } = await server.listen();
  const worker = server.getWorker<Env>();
  await worker.applyD1Migrations('DB');
  const env = await worker.getEnv();
  const db = openDb(env.DB);
  await seedDatabase({ db });
  return {
    url,
    db,
    env,
    worker,
    fetch: (path: string, init?: RequestInit) => server.fetch(path, { redirect: 'manual', ...init }),
    close: () => server.close(),
  };
}

export type Portal = Awaited<ReturnType<typeof startPortal>>;

import { readFileSync, writeFileSync } from 'node:fs';
import { createTestHarness } from 'wrangler';
import { openDb } from '../../functions/db/client';
import { seedDatabase } from '../../functions/db/seed';
import { seedDemoAccounts } from '../../functions/db/seed-accounts';
import { seedTemplate } from '../../functions/db/seed-template';
import { contentTemplatesPath, parseContentTemplates } from '../../functions/domain/content-templates';
import { useSecret } from '../../functions/domain/secrets';
import { startSkolverketFixture } from '../../scripts/lib/skolverket-fixture';
import { startTestUnitRange } from './register-units';
import { testSecret } from './secret';

const builtConfig = 'dist/server/wrangler.json';

export { testSecret };
useSecret(testSecret);

type FetchInit = Parameters<ReturnType<typeof createTestHarness>['fetch']>[1];

process.env['WRANGLER_SEND_METRICS'] = 'false';
process.env['WRANGLER_HIDE_BANNER'] = 'true';
process.env['CLOUDFLARE_CF_FETCH_ENABLED'] = 'false';

/**
 * The built Worker (Astro + Hono, `npm run build`) in real workerd with its own in-memory D1,
 * migrated and seeded. Every test file gets a portal of its own. Its PUBLIC_ORIGIN is
 * http://portal.test, whatever address the requests use, unless it is for a browser. `vars`
 * overrides the Worker's variables (a sender the mail binding does not allow, say); `moreVars`
 * gives further vars for the public origin (the city's identity provider, which must know it).
 */
export async function startPortal({
  forBrowser = false,
  vars: overrides = {},
  moreVars,
}: {
  forBrowser?: boolean;
  vars?: Record<string, string>;
  moreVars?: (publicOrigin: string) => Promise<Record<string, string>>;
} = {}) {
  // Skolverket's register: the recorded fixture, which a test can make slow or down (portal.skolverket).
  const skolverket = await startSkolverketFixture({ slowMs: 8_000 });
  // In front of it, the codes reserved for tests' registrations (register-units.ts).
  const register = await startTestUnitRange(skolverket.url);
  const vars = {
    APP_ENV: 'development',
    PUBLIC_ORIGIN: 'http://portal.test',
    PORTAL_SECRET: testSecret,
    SKOLVERKET_BASE_URL: register.url,
    ...overrides,
  };
  const server = createTestHarness({
    workers: [
      { configPath: builtConfig, vars: forBrowser ? vars : { ...vars, ...(await moreVars?.(vars.PUBLIC_ORIGIN)) } },
    ],
  });
  const { url } = await server.listen();
  // A browser follows the mailed links and sends its Origin with every form, so for a browser the
  // configured origin is the one the portal is served on (known only once it listens).
  if (forBrowser)
    await server.update({
      workers: [
        { configPath: builtConfig, vars: { ...vars, PUBLIC_ORIGIN: url.origin, ...(await moreVars?.(url.origin)) } },
      ],
    });
  const worker = server.getWorker<Env>();
  await worker.applyD1Migrations('DB');
  const env = await worker.getEnv();
  const db = openDb(env.DB);
  await seedDatabase({ db });
  await seedDemoAccounts({ db });
  await seedTemplate({
    db,
    templates: parseContentTemplates(JSON.parse(readFileSync(`dist/client${contentTemplatesPath}`, 'utf8'))),
  });
  return {
    url,
    db,
    env,
    worker,
    skolverket,
    fetch: (path: string, init?: FetchInit) => server.fetch(path, { redirect: 'manual', ...init }),
    close: async () => {
      await server.close();
      await register.close();
      await skolverket.close();
    },
  };
}

/**
 * The same built Worker with no D1 bound: every query fails as it would when D1 is down.
 * The config is written beside the built one so its relative paths still resolve.
 */
export async function startPortalWithoutDatabase() {
  const config = JSON.parse(readFileSync(builtConfig, 'utf8'));
  config.d1_databases = [];
  const configPath = 'dist/server/wrangler.no-d1.json';
  writeFileSync(configPath, JSON.stringify(config));
  const server = createTestHarness({
    workers: [
      { configPath, vars: { APP_ENV: 'development', PUBLIC_ORIGIN: 'http://portal.test', PORTAL_SECRET: testSecret } },
    ],
  });
  await server.listen();
  return {
    fetch: (path: string, init?: FetchInit) => server.fetch(path, { redirect: 'manual', ...init }),
    close: () => server.close(),
  };
}

export type Portal = Awaited<ReturnType<typeof startPortal>>;

/** The newest sign-in link mailed to an address, read from the outbox and rendered like /dev/mail does. */
export async function linkFor(portal: Portal, to: string): Promise<string> {
  const { outbox } = await import('../../functions/db/schema');
  const { renderMail } = await import('../../functions/domain/mail');
  const { desc, eq } = await import('drizzle-orm');
  const [row] = await portal.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.id)).limit(1);
  const mail = row && (await renderMail(row));
  const link = mail?.links.find((l) => l.includes('/logga-in/bekrafta?token='));
  if (!link) throw new Error(`Ingen inloggningslänk till ${to}`);
  return link;
}

export const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

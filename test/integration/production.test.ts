import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestHarness } from 'wrangler';
import { unconfirmedCityFacts } from '../../functions/config/city';
import { messages } from '../../functions/messages';
import { testSecret } from '../support/portal';
import { productionConfig, productionVars as complete } from '../support/production';

// The same build with APP_ENV as deployed, with the mail binding MAIL and without it.
const mailConfig = productionConfig('production-mail', { mail: true });
const noMailConfig = productionConfig('production-no-mail', { mail: false });
const withMail = mailConfig.path;
const withoutMail = noMailConfig.path;
const dailyCron = '0 3 * * *';

let server: ReturnType<typeof createTestHarness>;
const start = (configPath: string, vars: Record<string, string>) => server.update({ workers: [{ configPath, vars }] });
const logs = () => server.getLogs().map((l) => l.message);

beforeAll(async () => {
  server = createTestHarness({ workers: [{ configPath: withMail, vars: complete }] });
  await server.listen();
  await server.getWorker().applyD1Migrations('DB');
});
afterAll(async () => {
  await server?.close();
  mailConfig.remove();
  noMailConfig.remove();
});

it('answers 404 for /dev/mail and /api/dev/mail outside local development', async () => {
  expect((await server.fetch('/dev/mail')).status).toBe(404);
  expect((await server.fetch('/api/dev/mail')).status).toBe(404);
});

it('serves pages, the API and the cron when the production configuration is complete', async () => {
  await start(withMail, complete);
  server.clearLogs();
  expect((await server.fetch('/logga-in')).status).toBe(200);
  expect((await server.fetch('/api/health')).status).toBe(200);
  await server.getWorker().scheduled({ cron: dailyCron, scheduledTime: new Date() });
  expect(logs().join('\n')).toContain('Påminnelser');
  expect(logs().join('\n')).not.toContain('färdigkonfigurerad');
});

const incomplete: { missing: string; configPath: string; vars: Record<string, string>; hidden?: string }[] = [
  { missing: 'PUBLIC_ORIGIN', configPath: withMail, vars: { ...complete, PUBLIC_ORIGIN: '' } },
  {
    missing: 'PUBLIC_ORIGIN (en https-adress)',
    configPath: withMail,
    vars: { ...complete, PUBLIC_ORIGIN: 'http://portal.test' },
  },
  {
    missing: 'PORTAL_SECRET',
    configPath: withMail,
    vars: { APP_ENV: 'production', PUBLIC_ORIGIN: 'https://portal.test', ALLOW_UNCONFIRMED_CITY_FACTS: 'ja' },
  },
  {
    missing: 'PORTAL_SECRET',
    configPath: withMail,
    vars: { ...complete, PORTAL_SECRET: 'för-kort' },
    hidden: 'för-kort',
  },
  { missing: 'MAIL (send_email-bindningen)', configPath: withoutMail, vars: complete, hidden: testSecret },
  {
    // The city's facts are still marked "to be confirmed": a public production Worker refuses them.
    missing: unconfirmedCityFacts()
      .map((fact) => `bekräftat värde för ${fact}`)
      .join(', '),
    configPath: withMail,
    vars: { APP_ENV: 'production', PUBLIC_ORIGIN: 'https://portal.test', PORTAL_SECRET: testSecret },
    hidden: testSecret,
  },
  {
    missing: 'OIDC_CLIENT_SECRET',
    configPath: withMail,
    vars: { ...complete, OIDC_ISSUER: 'https://idp.stockholm.test', OIDC_CLIENT_ID: 'klient-4711' },
    hidden: 'klient-4711',
  },
];

it.each(incomplete)(
  'without $missing: one log line names it, every request gets 503 in Swedish, the cron does nothing',
  async ({ missing, configPath, vars, hidden }) => {
    await start(configPath, vars);
    server.clearLogs();
    const page = await server.fetch('/logga-in');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('Tjänsten är tillfälligt otillgänglig');
    const api = await server.fetch('/api/health');
    expect(api.status).toBe(503);
    expect(await api.text()).toBe(messages.errors.NOT_CONFIGURED);
    const post = await server.fetch('/api/logga-in', {
      method: 'POST',
      body: 'email=a%40b.se',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(503);
    await server.getWorker().scheduled({ cron: dailyCron, scheduledTime: new Date() });

    const lines = logs().filter((l) => l.includes('färdigkonfigurerad'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`: ${missing.replace(/[()]/g, '\\$&')}\\.$`));
    expect(logs().join('\n')).not.toContain('Påminnelser');
    if (hidden) expect(logs().join('\n')).not.toContain(hidden);
  },
);

it('keeps local development working without MAIL or OIDC', async () => {
  await start(withoutMail, {
    APP_ENV: 'development',
    PUBLIC_ORIGIN: 'http://localhost:8787',
    PORTAL_SECRET: testSecret,
  });
  expect((await server.fetch('/logga-in')).status).toBe(200);
  expect((await server.fetch('/api/health')).status).toBe(200);
});

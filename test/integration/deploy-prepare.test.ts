import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { unconfirmedCityFacts } from '../../functions/config/city';
import { memberships, outbox, users } from '../../functions/db/schema';
import { districtSeed } from '../../functions/db/seed-districts';
import { verifyAuditChain } from '../../functions/domain/audit-verify';
import { renderMail } from '../../functions/domain/mail';
import { spendSignInToken } from '../../functions/domain/sign-in';
import { quietEnv, root } from '../../scripts/lib/env';
import { withLocalDb } from '../../scripts/lib/local-db';

// `npm run deploy:prepare` on local D1s through the very code (wrangler d1 execute) it uses on
// Cloudflare: a dry run on a fresh database plans everything and writes nothing; a real run
// leaves the database ready (migrations, districts, template, an invited coordinator whose link
// signs in); a second run changes nothing.

const work = mkdtempSync(join(tmpdir(), 'samverkan-deploy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const origin = 'http://portal.test';
const coordinator = 'forsta.samordnaren@stockholm.example';
const migrations = readdirSync(resolve(root, 'migrations')).filter((f) => f.endsWith('.sql'));

function prepare(dir: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      resolve(root, 'node_modules/tsx/dist/cli.mjs'),
      'scripts/deploy-prepare.ts',
      '--local',
      '--persist-to',
      dir,
      ...args,
    ],
    {
      cwd: root,
      env: { ...quietEnv, PUBLIC_ORIGIN: origin },
      encoding: 'utf8',
    },
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const rowCounts = (dir: string) =>
  withLocalDb(async (_db, env) => {
    const { results } = await env.DB.prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' order by name",
    ).all<{ name: string }>();
    const counts: Record<string, number> = {};
    for (const { name } of results)
      counts[name] = (await env.DB.prepare(`select count(*) as n from "${name}"`).first<number>('n')) ?? 0;
    return counts;
  }, dir);

it('refuses a remote run, even a dry one, while the city’s facts are unconfirmed, and names each of them', () => {
  const result = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/deploy-prepare.ts', '--remote', '--dry-run'],
    {
      cwd: root,
      env: { ...quietEnv, PORTAL_SECRET: 'x'.repeat(40) },
      encoding: 'utf8',
    },
  );
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('Stadens uppgifter är inte bekräftade');
  expect(result.stderr).toContain('functions/config/city.ts');
  for (const fact of unconfirmedCityFacts()) expect(result.stderr).toContain(fact);
  expect(unconfirmedCityFacts()).toContain('Stadens växel (switchboard)');
});

it(
  'a dry run on a fresh D1 prints the migrations, reference data and invitation it would write, and writes nothing',
  { timeout: 180_000 },
  async () => {
    const dir = join(work, 'dry');
    const out = prepare(dir, '--dry-run', '--coordinator', coordinator);
    for (const name of migrations) expect(out).toContain(name);
    expect(out).toContain('npx wrangler d1 migrations apply DB --local');
    expect(out).toContain(`Stadsdelar som saknas: ${districtSeed.map((d) => d.name).join(', ')}.`);
    expect(out).toContain('Mallen för överenskommelsen saknas');
    expect(out).toContain(`Samordnare som saknas: ${coordinator}`);
    expect(out).toMatch(/insert into "districts"[^\n]*'norra-innerstaden'/);
    expect(out).toMatch(/insert into "memberships"[^\n]*'coordinator'/);
    expect(out).toContain('--file');
    expect(await rowCounts(dir)).toEqual({});
  },
);

it(
  'prepares a fresh D1 once: a second run changes nothing, and the invitation signs the coordinator in',
  { timeout: 420_000 },
  async () => {
    const dir = join(work, 'fresh');
    expect(prepare(dir, '--coordinator', coordinator.toUpperCase(), '--name', 'Första samordnaren')).toContain(
      'Klart.',
    );
    const first = await rowCounts(dir);
    expect(first).toMatchObject({
      d1_migrations: migrations.length,
      districts: districtSeed.length,
      template_versions: 1,
      users: 1,
      memberships: 1,
      sign_in_tokens: 1,
      outbox: 1,
      audit_events: 2,
      write_guards: 0,
    });

    const again = prepare(dir, '--coordinator', coordinator);
    expect(again).toContain('Ingenting att göra');
    expect(again).not.toContain('Skrivet');
    expect(await rowCounts(dir)).toEqual(first);

    await withLocalDb(async (db) => {
      expect((await verifyAuditChain({ db, now: new Date(), checkpoint: null })).problem).toBeNull();
      const [user] = await db.select().from(users);
      expect(user).toMatchObject({ email: coordinator, name: 'Första samordnaren' });
      expect(await db.select({ role: memberships.role }).from(memberships)).toEqual([{ role: 'coordinator' }]);
      const [letter] = await db.select().from(outbox);
      const { links } = await renderMail(letter!);
      expect(letter!.to).toBe(coordinator);
      expect(links[0]).toMatch(new RegExp(`^${origin}/logga-in/bekrafta\\?token=`));
      const token = new URL(links[0]!).searchParams.get('token')!;
      expect((await spendSignInToken({ db, token, now: new Date() })).userId).toBe(user!.id);
    }, dir);
  },
);

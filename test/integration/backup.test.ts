import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../functions/db/seed-accounts';
import { seedDatabase } from '../../functions/db/seed';
import { seedDemoRegister } from '../../functions/db/seed-demo';
import { seedTemplate } from '../../functions/db/seed-template';
import { signatures } from '../../functions/db/schema';
import { commitWithAudit } from '../../functions/domain/audit';
import { anchorAuditHead } from '../../functions/domain/audit-anchor';
import { verifyAuditChain } from '../../functions/domain/audit-verify';
import { contentTemplatesPath, parseContentTemplates } from '../../functions/domain/content-templates';
import { purgeExpired } from '../../functions/domain/purge';
import { builtConfig, quietEnv, root } from '../../scripts/lib/env';
import { withLocalDb } from '../../scripts/lib/local-db';
import { runTool } from '../../scripts/lib/run';

// A backup is only worth something if it can be restored: export a local D1 with a seeded
// register and a real audit trail (some of it already redacted) with `npm run db:export`, restore
// it into an empty local D1 with `wrangler d1 execute --file`, and check the copy. Then the
// `npm run audit:verify` script itself, on a local state of its own.

const work = mkdtempSync(join(tmpdir(), 'samverkan-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rowCounts = async (env: Env) => {
  const { results } = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' order by name",
  ).all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of results)
    counts[name] = (await env.DB.prepare(`select count(*) as n from "${name}"`).first<number>('n')) ?? 0;
  return counts;
};

it(
  'npm run db:export writes a backup that restores into an empty D1 with the same rows and an audit chain that still reaches its anchor',
  { timeout: 180_000 },
  async () => {
    const source = join(work, 'source');
    const restored = join(work, 'restored');
    const file = join(work, 'backup.sql');
    const later = new Date(Date.now() + 3 * 365 * 86_400_000);
    runTool('wrangler', [
      'd1',
      'migrations',
      'apply',
      'DB',
      '--local',
      '--config',
      builtConfig,
      '--persist-to',
      source,
    ]);
    const before = await withLocalDb(async (db, env) => {
      await seedDatabase({ db });
      await seedDemoAccounts({ db });
      await seedTemplate({
        db,
        templates: parseContentTemplates(
          JSON.parse(readFileSync(resolve(root, `dist/client${contentTemplatesPath}`), 'utf8')),
        ),
      });
      await seedDemoRegister({
        db,
        municipalCsv: readFileSync(resolve(root, 'functions/db/seed-data/kommunala-skolor.csv'), 'utf8'),
      });
      await purgeExpired({ db, now: later });
      const [signature] = await db.select().from(signatures).limit(1);
      await commitWithAudit(db, {
        now: later,
        statements: ([hash]) => [
          db.update(signatures).set({ auditHash: hash }).where(eq(signatures.id, signature!.id)),
        ],
        events: [
          {
            action: 'agreement.confirmed',
            subjectType: 'agreement',
            subjectId: signature!.agreementId,
            data: { email: signature!.email },
          },
        ],
      });
      const { checkpoint: anchored, problem } = await anchorAuditHead({ db, kv: env.AUDIT_ANCHOR, now: later });
      expect(problem).toBeNull();
      const redacted = await env.DB.prepare(
        'select count(*) as n from audit_events where redacted_at is not null',
      ).first<number>('n');
      return { counts: await rowCounts(env), checkpoint: anchored, redacted };
    }, source);
    expect(before.redacted).toBeGreaterThan(0);
    expect(before.counts['audit_events']).toBeGreaterThan(before.redacted ?? 0);
    expect(before.counts['signatures']).toBeGreaterThan(0);

    runTool('tsx', ['scripts/db-export.ts', file, source]);
    // The restored copy is checked with the same PORTAL_SECRET, as production keeps its secret.
    copyFileSync(join(source, 'portal-secret'), join(work, 'portal-secret'));
    runTool('wrangler', [
      'd1',
      'execute',
      'DB',
      '--local',
      '--config',
      builtConfig,
      '--persist-to',
      restored,
      '--file',
      file,
    ]);
    copyFileSync(join(work, 'portal-secret'), join(restored, 'portal-secret'));

    const after = await withLocalDb(
      async (db, env) => ({
        counts: await rowCounts(env),
        verdict: await verifyAuditChain({ db, now: later, checkpoint: before.checkpoint }),
      }),
      restored,
    );
    expect(after.counts).toEqual(before.counts);
    expect(after.verdict).toEqual({ checked: before.counts['audit_events'], problem: null });
  },
);

it(
  'npm run audit:verify reads the local D1 and its KV anchor, and exits 1 naming the event once the tail is cut off',
  { timeout: 60_000 },
  async () => {
    const state = join(work, 'verify');
    runTool('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--config', builtConfig, '--persist-to', state]);
    const checkpoint = await withLocalDb(async (db, env) => {
      for (const n of [1, 2, 3])
        await commitWithAudit(db, {
          now: new Date(),
          statements: [],
          events: [
            { action: 'test.event', subjectType: 'test', subjectId: n, data: { email: `person${n}@example.se` } },
          ],
        });
      return (await anchorAuditHead({ db, kv: env.AUDIT_ANCHOR, now: new Date() })).checkpoint;
    }, state);
    const verify = () =>
      spawnSync(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/audit-verify.ts', state], {
        cwd: root,
        env: quietEnv,
        encoding: 'utf8',
      });
    expect(verify()).toMatchObject({
      status: 0,
      stdout: expect.stringContaining(`når kontrollpunkten (händelse ${checkpoint?.id}`),
    });
    runTool('wrangler', [
      'd1',
      'execute',
      'DB',
      '--local',
      '--config',
      builtConfig,
      '--persist-to',
      state,
      '--command',
      `delete from audit_events where id = ${checkpoint?.id}`,
    ]);
    expect(verify()).toMatchObject({
      status: 1,
      stderr: expect.stringContaining(`(truncated): kedjan är avkortad: händelse ${checkpoint?.id} saknas`),
    });
  },
);

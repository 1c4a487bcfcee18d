import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll } from 'vitest';
import { openDb, type Db } from '../../functions/db/client';
import { seedDatabase } from '../../functions/db/seed';
import { seedDemoAccounts } from '../../functions/db/seed-accounts';
import { seedTemplate } from '../../functions/db/seed-template';
import { parseContentTemplates } from '../../functions/domain/content-templates';
import { useSecret } from '../../functions/domain/secrets';
import { readCollection } from './content';
import { testSecret } from './secret';

// The domain layer: domain functions called directly against a real local D1 (workerd through
// the miniflare that wrangler brings), migrated and seeded like the portal's, no build needed.
// One workerd per test file holds a pool of D1 bindings, and every test takes an empty one of
// its own, so no test sees another's rows or depends on the order they run in.
//
// Each statement reaches D1 in one request to a small Worker that runs it on the binding: the
// binding miniflare hands to Node (`getD1Database`) makes a blocking round trip for every
// prepare, bind and run, about four times slower on this machine. The SQL still runs in workerd's
// own D1, with its errors (constraint names included) passed back as they are.

useSecret(testSecret);

const migrationsDir = 'migrations';
/** When the reference data was seeded: a fixed moment, so that every run writes the same rows. */
const seededAt = new Date('2026-01-01T09:00:00Z');
/** D1 bindings per workerd: more than any test file uses, and free until a test opens one. */
const poolSize = 200;
const bindings = Array.from({ length: poolSize }, (_, i) => `DB_${i}`);

/**
 * The statements of one migration file: split at each semicolon outside quotes, identifiers and
 * comments, as wrangler does before it runs a file as one batch. (Our migrations have no
 * triggers; a BEGIN … END body would need keeping whole.)
 */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) statements.push(current.trim());
    current = '';
  };
  for (let i = 0; i < sql.length; i += 1) {
    const c = sql[i] as string;
    const closing = c === '[' ? ']' : `'"\``.includes(c) ? c : null;
    if (closing) {
      const end = sql.indexOf(closing, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      current += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      current += '\n';
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === ';') push();
    else current += c;
  }
  push();
  return statements;
}

/** The migration files in the order wrangler applies them (`migrations/*.sql`; drizzle's meta/ is not one). */
const migrations = readdirSync(migrationsDir)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) => ({ name, statements: splitStatements(readFileSync(join(migrationsDir, name), 'utf8')) }));

/** Every template version in content/overenskommelse, parsed as the build publishes them. */
const contentTemplates = parseContentTemplates(readCollection('overenskommelse').map((entry) => entry.data));

/** The Worker that runs statements on one of its D1 bindings: one statement (run, all, raw) or a batch. */
const statementRunner = `export default {
  async fetch(request, env) {
    const { binding, mode, statements } = await request.json();
    const d1 = env[binding];
    try {
      const prepared = statements.map((s) => d1.prepare(s.sql).bind(...s.params));
      return Response.json({ result: mode === 'batch' ? await d1.batch(prepared) : await prepared[0][mode]() });
    } catch (error) {
      return Response.json({ error: { message: String(error.message), cause: error.cause ? String(error.cause.message ?? error.cause) : null } });
    }
  },
};`;

type Sent = { sql: string; params: unknown[] };

/** A D1Database for drizzle (prepare, bind, run, all, raw, batch) whose statements run in workerd. */
function forwardedD1(runtime: Miniflare, binding: string): D1Database {
  const send = async (mode: 'run' | 'all' | 'raw' | 'batch', statements: Sent[]) => {
    const response = await runtime.dispatchFetch('http://domain.test/', {
      method: 'POST',
      body: JSON.stringify({ binding, mode, statements }),
    });
    const answer = (await response.json()) as { result?: unknown; error?: { message: string; cause: string | null } };
    if (answer.error)
      throw new Error(answer.error.message, answer.error.cause ? { cause: new Error(answer.error.cause) } : {});
    return answer.result;
  };
  const statement = (sent: Sent) => ({
    sent,
    bind: (...params: unknown[]) => statement({ sql: sent.sql, params }),
    run: () => send('run', [sent]),
    all: () => send('all', [sent]),
    raw: () => send('raw', [sent]),
  });
  const d1 = {
    prepare: (sql: string) => statement({ sql, params: [] }),
    batch: (statements: ReturnType<typeof statement>[]) =>
      send(
        'batch',
        statements.map((s) => s.sent),
      ),
  };
  return d1 as unknown as D1Database;
}

/**
 * Applies the migrations as `wrangler d1 migrations apply` does, each file's statements followed
 * by its row in d1_migrations; in one batch here, since every test starts from an empty database.
 */
async function migrate(d1: D1Database) {
  await d1.batch([
    d1.prepare(
      'CREATE TABLE IF NOT EXISTS d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
    ),
    ...migrations.flatMap((m) => [
      ...m.statements.map((s) => d1.prepare(s)),
      d1.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(m.name),
    ]),
  ]);
}

/**
 * Starts the file's workerd before its first test (closed after its last) and returns `freshDb`:
 * an empty D1, migrated and seeded (districts, the coordinator and one officer per district, the
 * newest template), wrapped by `openDb` exactly as the Worker does.
 */
export function domainDatabases() {
  let runtime: Miniflare | undefined;
  let taken = 0;
  beforeAll(async () => {
    runtime = new Miniflare({
      telemetry: { enabled: false },
      workers: [
        {
          config: {
            name: 'domain',
            compatibilityDate: '2026-09-15',
            manifest: { mainModule: 'main.mjs', modules: { 'main.mjs': { type: 'esm', contents: statementRunner } } },
            env: Object.fromEntries(bindings.map((b) => [b, { type: 'd1', id: b }])),
          },
        },
      ],
    });
    await runtime.ready;
  });
  afterAll(async () => runtime?.dispose());
  return async function freshDb(): Promise<Db> {
    const binding = bindings[taken];
    if (!runtime || !binding) throw new Error(`Högst ${poolSize} databaser per testfil, och bara i ett test`);
    taken += 1;
    const d1 = forwardedD1(runtime, binding);
    await migrate(d1);
    const db = openDb(d1);
    await seedDatabase({ db });
    await seedDemoAccounts({ db, now: seededAt });
    await seedTemplate({ db, templates: contentTemplates, now: seededAt });
    return db;
  };
}

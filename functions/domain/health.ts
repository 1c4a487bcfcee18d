import { desc, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { openDb, type Db } from '../db/client';
import { messages } from '../messages';

// wrangler's own bookkeeping table; described here, not in schema.ts, so drizzle-kit never
// tries to create it.
const d1Migrations = sqliteTable('d1_migrations', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
});

type Migration = { number: number; name: string } | null;

export type Health =
  | { ok: true; version: string; database: 'ok'; migration: Migration }
  | { ok: false; version: string; database: 'unavailable'; error: typeof messages.health.databaseDown };

/**
 * D1 answers if a trivial query does; the last migration is the newest row wrangler wrote. Takes
 * the binding itself, so that a missing binding is reported like any other outage. The answer is
 * public, so the database's own error goes to the log only.
 */
export async function checkHealth({ d1, version }: { d1: D1Database | undefined; version: string }): Promise<Health> {
  let db: Db;
  try {
    db = openDb(d1);
    await db.run(sql`select 1`);
  } catch (error) {
    console.error(error);
    return { ok: false, version, database: 'unavailable', error: messages.health.databaseDown };
  }
  return { ok: true, version, database: 'ok', migration: await lastMigration(db) };
}

async function lastMigration(db: Db): Promise<Migration> {
  try {
    const [last] = await db
      .select({ name: d1Migrations.name })
      .from(d1Migrations)
      .orderBy(desc(d1Migrations.id))
      .limit(1);
    return last ? { number: Number.parseInt(last.name, 10), name: last.name } : null;
  } catch {
    // No bookkeeping table yet: D1 answers, but no migration has been applied.
    return null;
  }
}

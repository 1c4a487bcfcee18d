import { exists, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { violates } from '../db/constraints';
import { writeGuards } from '../db/schema';
import { AppError } from '../errors';
import type { ErrorCode } from '../messages';
import { commitWithAudit, type AuditEvent } from './audit';

/** "A row of the table matches": the usual expectation of a conditional change. */
export const rowExists = (db: Db, table: SQLiteTable, where: SQL | undefined) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(table)
      .where(where),
  );

/**
 * A conditional change: the batch first checks, inside its own transaction, that the state it
 * expects still holds; if another change came first, the CHECK on write_guards aborts the batch,
 * so nothing is written (no row, no letter, no audit event) and `refused` is thrown. `statements`
 * may take the hashes of the audit events being appended (see `commitWithAudit`).
 */
export async function commitExpecting<T extends BatchItem<'sqlite'>[]>(
  db: Db,
  {
    expect,
    refused,
    statements,
    events,
    now,
  }: {
    expect: SQL | null;
    refused: ErrorCode;
    statements: [...T] | ((eventHashes: string[]) => [...T]);
    events: AuditEvent[];
    now: Date;
  },
) {
  try {
    const results = await commitWithAudit(db, {
      now,
      statements: (hashes: string[]) => [
        db.insert(writeGuards).values({ ok: expect ? sql`(case when ${expect} then 1 else 0 end)` : 1 }),
        ...(typeof statements === 'function' ? statements(hashes) : statements),
        db.delete(writeGuards),
      ],
      events,
    });
    return results.slice(1) as unknown[];
  } catch (error) {
    if (violates(error, 'check', 'expected_state')) throw new AppError(refused, { cause: error });
    throw error;
  }
}

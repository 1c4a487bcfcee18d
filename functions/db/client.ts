import { drizzle } from 'drizzle-orm/d1';
import { AppError } from '../errors';
import { sessionOf } from './replica';
import { countRowsRead } from './rows-read';
import * as schema from './schema';

export type Db = ReturnType<typeof openDb>;

/**
 * Drizzle over the D1 binding. Without the binding the portal cannot reach its data at all: that
 * is an outage (503, "try again soon") like D1 not answering, not a bug in the code that asked.
 * Inside a request it reads and writes through that request's D1 session (see replica.ts).
 */
export function openDb(d1: D1Database | undefined) {
  if (!d1) throw new AppError('DB_UNAVAILABLE');
  // A session answers prepare and batch like the binding, which is all drizzle asks of it.
  return drizzle(countRowsRead(sessionOf(d1)) as D1Database, { schema });
}

/** Items in slices of at most `size`: rows or statements in pieces a D1 statement or batch can take. */
export const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

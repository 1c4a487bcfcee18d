import { drizzle } from 'drizzle-orm/d1';
import { countRowsRead } from './rows-read';
import * as schema from './schema';

export type Db = ReturnType<typeof openDb>;

export function openDb(d1: D1Database) {
  return drizzle(countRowsRead(d1), { schema });
}

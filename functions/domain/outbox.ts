import { desc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';

/** The newest messages in the outbox, for the local mail viewer. */
export async function listOutbox({ db, limit = 100 }: { db: Db; limit?: number }) {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
}

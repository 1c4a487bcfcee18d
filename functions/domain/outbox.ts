import { desc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { renderMail } from './mail';

/** The newest messages in the outbox as they would be delivered, for the local mail viewer. */
export async function listOutbox({ db, limit = 100 }: { db: Db; limit?: number }) {
  return Promise.all((await db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit)).map(renderMail));
}

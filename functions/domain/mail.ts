import type { Db } from '../db/client';
import { outbox } from '../db/schema';

export type Mail = { to: string; subject: string; body: string; links: string[] };

/**
 * The Mailer: every message is a row in the outbox, written in the same batch as the change
 * that caused it. Delivery is a separate step (see README, "Sending e-mail in production").
 */
export function queueMail(db: Db, mail: Mail, now: Date) {
  return db.insert(outbox).values({ ...mail, createdAt: now.toISOString() });
}

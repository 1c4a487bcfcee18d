import { desc, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { sha256Hex } from './crypto';

export type AuditEvent = {
  action: string;
  subjectType: string;
  subjectId: string | number;
  actorUserId?: number | null;
  data?: Record<string, unknown>;
};

const genesis = '0'.repeat(64);
// Under a burst (hundreds of schools registering at once) writers keep racing for the head; each
// retry waits a random, growing while, so that they stop colliding in step.
const maxAttempts = 40;
const maxPauseMs = 1000;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(maxPauseMs, 10 * 2 ** attempt)));

type Chained = { at: string; actorUserId: number | null; action: string; subjectType: string; subjectId: string; data: Record<string, unknown>; prevHash: string; hash: string };

/** The hash of one event: everything it says, plus the hash of the event before it. */
export async function hashEvent(e: Omit<Chained, 'hash'>): Promise<string> {
  return sha256Hex(JSON.stringify([e.prevHash, e.at, e.actorUserId, e.action, e.subjectType, e.subjectId, e.data]));
}

async function chain(head: string, events: AuditEvent[], at: string): Promise<Chained[]> {
  const out: Chained[] = [];
  let prevHash = head;
  for (const e of events) {
    const base = { at, actorUserId: e.actorUserId ?? null, action: e.action, subjectType: e.subjectType, subjectId: String(e.subjectId), data: e.data ?? {}, prevHash };
    const hash = await hashEvent(base);
    out.push({ ...base, hash });
    prevHash = hash;
  }
  return out;
}

const isChainConflict = (error: unknown) => /audit_events\.prev_hash/.test(String(error instanceof Error ? `${error.message} ${String(error.cause)}` : error));

/**
 * Runs the statements and appends their audit events in one D1 batch (one transaction).
 * A race on the chain's head is retried after a random pause.
 */
export async function commitWithAudit<T extends BatchItem<'sqlite'>[]>(
  db: Db,
  { statements, events, now }: { statements: [...T]; events: AuditEvent[]; now: Date },
) {
  for (let attempt = 1; ; attempt += 1) {
    const [last] = await db.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    const rows = await chain(last?.hash ?? genesis, events, now.toISOString());
    const inserts = rows.map((r) => db.insert(auditEvents).values(r));
    try {
      const [first, ...rest] = [...statements, ...inserts] as BatchItem<'sqlite'>[];
      if (!first) return [];
      return await db.batch([first, ...rest]);
    } catch (error) {
      if (attempt < maxAttempts && isChainConflict(error)) {
        await pause(attempt);
        continue;
      }
      throw error;
    }
  }
}

/** Walks the whole chain; returns the id of the first event that does not hold, or null. */
export async function verifyAuditChain({ db }: { db: Db }): Promise<{ checked: number; firstBroken: number | null }> {
  let prevHash = genesis;
  let checked = 0;
  const pageSize = 500;
  for (let afterId = 0; ; ) {
    const page = await db.select().from(auditEvents).where(sql`${auditEvents.id} > ${afterId}`).orderBy(auditEvents.id).limit(pageSize);
    for (const e of page) {
      const expected = await hashEvent({ ...e, data: e.data });
      if (e.prevHash !== prevHash || e.hash !== expected) return { checked, firstBroken: e.id };
      prevHash = e.hash;
      checked += 1;
    }
    if (page.length < pageSize) return { checked, firstBroken: null };
    afterId = page[page.length - 1]?.id ?? afterId;
  }
}

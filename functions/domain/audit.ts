import { desc } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { committed } from '../http/edge-cache';
import { sha256Hex } from './crypto';
import { keyedHex } from './secrets';

export type AuditEvent = {
  action: string;
  subjectType: string;
  subjectId: string | number;
  actorUserId?: number | null;
  data?: Record<string, unknown>;
};

export const genesis = '0'.repeat(64);
// Under a burst (hundreds of schools registering at once) writers keep racing for the head; each
// retry waits a random, growing while, so that they stop colliding in step.
// The loser of a race is retried for up to a minute rather than a fixed number of times: on a
// slow machine a burst of 200 writers needs more rounds, and each round still lets one through.
const retryForMs = 60_000;
const maxPauseMs = 1000;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(maxPauseMs, 10 * 2 ** attempt)));

type ChainedEvent = {
  at: string;
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId: string;
  dataHash: string;
  prevHash: string;
};

// The chain covers the data through its own keyed hash, so the data can be redacted when its
// retention runs out and the chain still holds. Keyed, so the hash of a redacted e-mail address
// cannot be matched against guesses.
export const hashData = (data: Record<string, unknown>) => keyedHex('audit', JSON.stringify(['data', data]));

const message = (e: ChainedEvent) =>
  JSON.stringify([e.prevHash, e.at, e.actorUserId, e.action, e.subjectType, e.subjectId, e.dataHash]);

/** The hash of one event: an HMAC, with a key D1 never holds, over what it says and the hash before it. */
export const hashEvent = (e: ChainedEvent) => keyedHex('audit', message(e));

/**
 * The hashes someone without the key could have written: plain SHA-256 over the event, as this
 * code does it or as the unkeyed chain before it did (over the data itself).
 */
export const unkeyedHashes = (e: ChainedEvent & { data: Record<string, unknown> }) =>
  Promise.all([
    sha256Hex(message(e)),
    sha256Hex(JSON.stringify([e.prevHash, e.at, e.actorUserId, e.action, e.subjectType, e.subjectId, e.data])),
  ]);

type Prepared = Omit<ChainedEvent, 'prevHash'> & { data: Record<string, unknown> };

/** Everything about the events but their place in the chain, worked out once before any retry. */
const prepare = (events: AuditEvent[], at: string): Promise<Prepared[]> =>
  Promise.all(
    events.map(async (e) => ({
      at,
      actorUserId: e.actorUserId ?? null,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: String(e.subjectId),
      data: e.data ?? {},
      dataHash: await hashData(e.data ?? {}),
    })),
  );

async function chain(head: string, events: Prepared[]) {
  const out: (Prepared & { prevHash: string; hash: string })[] = [];
  let prevHash = head;
  for (const e of events) {
    const hash = await hashEvent({ ...e, prevHash });
    out.push({ ...e, prevHash, hash });
    prevHash = hash;
  }
  return out;
}

const isChainConflict = (error: unknown) =>
  /audit_events\.prev_hash/.test(String(error instanceof Error ? `${error.message} ${String(error.cause)}` : error));

/**
 * Runs the statements and appends their audit events in one D1 batch (one transaction).
 * `statements` may be a function of the hashes the events will have, so that a row can name the
 * event that records it (a signature keeps its event's hash as evidence); it is called again on
 * every retry, since the hashes change with the head. A race on the head is retried after a
 * random pause.
 */
export async function commitWithAudit<T extends BatchItem<'sqlite'>[]>(
  db: Db,
  {
    statements,
    events,
    now,
  }: { statements: [...T] | ((eventHashes: string[]) => [...T]); events: AuditEvent[]; now: Date },
) {
  const prepared = await prepare(events, now.toISOString());
  const deadline = Date.now() + retryForMs;
  for (let attempt = 1; ; attempt += 1) {
    const [last] = await db.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    const rows = await chain(last?.hash ?? genesis, prepared);
    const inserts = rows.map((r) => db.insert(auditEvents).values(r));
    const writes = typeof statements === 'function' ? statements(rows.map((r) => r.hash)) : statements;
    try {
      const [first, ...rest] = [...writes, ...inserts] as BatchItem<'sqlite'>[];
      if (!first) return [];
      const results = await db.batch([first, ...rest]);
      // The public pages kept at the edge are purged once the request is done (http/edge-cache.ts).
      committed(events.map((e) => e.subjectType));
      return results;
    } catch (error) {
      if (Date.now() < deadline && isChainConflict(error)) {
        await pause(attempt);
        continue;
      }
      throw error;
    }
  }
}

import { and, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents, signatures } from '../db/schema';
import { genesis, hashData, hashEvent, unkeyedHashes } from './audit';
import { auditDataCutoff } from './retention';
import { iso } from './time';

/**
 * How the trail was broken: an event's content no longer matches its hash (changed), events are
 * missing before it (deleted), it stands out of order (reordered), events the KV checkpoint or a
 * signature names are gone (truncated), or hashes were recomputed without the key, with plain
 * SHA-256 or some other key (unkeyed).
 */
export type AuditBreak = 'changed' | 'deleted' | 'reordered' | 'truncated' | 'unkeyed';

/** The first affected event; for a truncation by a signature's evidence, also that signature. */
export type AuditProblem = { kind: AuditBreak; eventId: number; signatureId?: number };

/** The head of the chain as last anchored outside D1 (functions/domain/audit-anchor.ts). */
export type AuditCheckpoint = { id: number; hash: string; at: string };

type Row = typeof auditEvents.$inferSelect;

const isEmpty = (data: Record<string, unknown>) => Object.keys(data).length === 0;

/**
 * A hash that fails the key was either left behind when the event was changed, or recomputed
 * without the key: plain SHA-256 gives the latter away, and so does a next event that builds on
 * it and fails the key too (the chain goes on under some other key).
 */
async function rewrittenWithoutKey(db: Db, e: Row): Promise<boolean> {
  if ((await unkeyedHashes(e)).includes(e.hash)) return true;
  const [next] = await db.select().from(auditEvents).where(gt(auditEvents.id, e.id)).orderBy(auditEvents.id).limit(1);
  return next !== undefined && next.prevHash === e.hash && next.hash !== (await hashEvent(next));
}

async function checkEvent(db: Db, e: Row, prevHash: string, redactBefore: string): Promise<AuditBreak | null> {
  if (e.hash !== (await hashEvent(e))) return (await rewrittenWithoutKey(db, e)) ? 'unkeyed' : 'changed';
  // A redacted event holds nothing and is old enough to have been redacted by the purge.
  const contentHolds =
    e.redactedAt === null ? e.dataHash === (await hashData(e.data)) : isEmpty(e.data) && e.at < redactBefore;
  if (!contentHolds) return 'changed';
  if (e.prevHash === prevHash) return null;
  const [linked] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(eq(auditEvents.hash, e.prevHash))
    .limit(1);
  return linked ? 'reordered' : 'deleted';
}

/**
 * Walks the chain from an event known to hold (its id and hash; none: the start), at most
 * `limit` events. Returns how many held, the last of them and the first problem.
 */
export async function walkChain(
  db: Db,
  { from, now, limit = Infinity }: { from: { id: number; hash: string } | null; now: Date; limit?: number },
) {
  const redactBefore = iso(auditDataCutoff(now));
  const pageSize = 500;
  let head = from;
  let checked = 0;
  while (checked < limit) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, head?.id ?? 0))
      .orderBy(auditEvents.id)
      .limit(Math.min(pageSize, limit - checked));
    for (const e of page) {
      const kind = await checkEvent(db, e, head?.hash ?? genesis, redactBefore);
      if (kind) return { checked, head, problem: { kind, eventId: e.id } satisfies AuditProblem };
      head = { id: e.id, hash: e.hash };
      checked += 1;
    }
    if (page.length < pageSize) break;
  }
  return { checked, head, problem: null };
}

/** The checkpoint's event must still be in the table, under its id. */
async function checkCheckpoint(db: Db, checkpoint: AuditCheckpoint): Promise<AuditProblem | null> {
  const [found] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(eq(auditEvents.hash, checkpoint.hash))
    .limit(1);
  if (!found) return { kind: 'truncated', eventId: checkpoint.id };
  return found.id === checkpoint.id ? null : { kind: 'reordered', eventId: found.id };
}

/** Every signature's evidence: the event that recorded it must still be in the chain. */
async function checkSignatures(db: Db): Promise<AuditProblem | null> {
  const [orphan] = await db
    .select({ id: signatures.id })
    .from(signatures)
    .leftJoin(auditEvents, eq(auditEvents.hash, signatures.auditHash))
    .where(and(isNotNull(signatures.auditHash), isNull(auditEvents.id)))
    .orderBy(signatures.id)
    .limit(1);
  if (!orphan) return null;
  const [last] = await db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return { kind: 'truncated', eventId: (last?.id ?? 0) + 1, signatureId: orphan.id };
}

/**
 * Walks the whole chain with the key, then checks that it still reaches the checkpoint kept
 * outside D1 and every event a signature names. Returns the first problem, or null.
 */
export async function verifyAuditChain({
  db,
  now,
  checkpoint,
}: {
  db: Db;
  now: Date;
  checkpoint: AuditCheckpoint | null;
}): Promise<{ checked: number; problem: AuditProblem | null }> {
  const { checked, problem } = await walkChain(db, { from: null, now });
  return {
    checked,
    problem: problem ?? (checkpoint && (await checkCheckpoint(db, checkpoint))) ?? (await checkSignatures(db)),
  };
}

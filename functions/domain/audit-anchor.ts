import type { Db } from '../db/client';
import { walkChain, type AuditCheckpoint, type AuditProblem } from './audit-verify';
import { iso } from './time';

// Whoever can write to D1 could cut the chain's tail off and leave a chain that holds. So the
// head is written, every quarter of an hour, to a KV namespace D1 writers cannot touch; the
// verifier then insists on reaching it.

/** The cron (wrangler.toml) that only anchors; the daily one anchors after its own work. */
export const anchorCron = '*/15 * * * *';

const key = 'audit-head';
// One run checks at most this many new events (the cron stays cheap); the next run goes on.
const maxEventsPerRun = 2000;

export const readCheckpoint = (kv: KVNamespace) => kv.get<AuditCheckpoint>(key, 'json');

/**
 * Moves the checkpoint forward to the newest event, but only along the chain: the events since
 * the last checkpoint must follow from it and hold under the key. Otherwise the checkpoint stays
 * where it was (so a cut-off tail is never blessed) and the problem is returned. Reads only the
 * events since the last run and writes KV only when the head has moved.
 */
export async function anchorAuditHead({
  db,
  kv,
  now,
}: {
  db: Db;
  kv: KVNamespace;
  now: Date;
}): Promise<{ checkpoint: AuditCheckpoint | null; problem: AuditProblem | null }> {
  const previous = await readCheckpoint(kv);
  const { head, problem } = await walkChain(db, { from: previous, now, limit: maxEventsPerRun });
  if (problem || !head || head.id === previous?.id) return { checkpoint: previous, problem };
  const checkpoint = { id: head.id, hash: head.hash, at: iso(now) };
  await kv.put(key, JSON.stringify(checkpoint));
  return { checkpoint, problem: null };
}

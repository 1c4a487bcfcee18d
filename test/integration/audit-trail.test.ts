import { desc, eq, gte } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, signatures } from '../../functions/db/schema';
import { commitWithAudit } from '../../functions/domain/audit';
import { anchorCron, readCheckpoint } from '../../functions/domain/audit-anchor';
import { verifyAuditChain } from '../../functions/domain/audit-verify';
import { sha256Hex } from '../../functions/domain/crypto';
import { confirmedAgreement } from '../support/agreement-flows';
import { startPortal, type Portal } from '../support/portal';

// Someone who can write to D1 (but does not hold PORTAL_SECRET) tampers with the trail in every
// way the verifier names; each test puts the trail back as it was afterwards.

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
  await confirmedAgreement(portal, 'bromma');
  await confirmedAgreement(portal, 'farsta');
});
afterAll(async () => portal?.close());

type Event = typeof auditEvents.$inferSelect;
let original: Event[] = [];
const events = () => portal.db.select().from(auditEvents).orderBy(auditEvents.id);
const replaceTrail = async (rows: Event[]) => {
  await portal.db.delete(auditEvents);
  for (const row of rows) await portal.db.insert(auditEvents).values(row);
};
beforeEach(async () => {
  original = await events();
  await portal.env.AUDIT_ANCHOR.delete('audit-head');
});
afterEach(async () => {
  await replaceTrail(original);
  await portal.db.update(signatures).set({ auditHash: null });
});

const verify = async () =>
  verifyAuditChain({ db: portal.db, now: new Date(), checkpoint: await readCheckpoint(portal.env.AUDIT_ANCHOR) });
const anchor = (at = new Date()) => portal.worker.scheduled({ cron: anchorCron, scheduledTime: at });
const middle = () => original[Math.floor(original.length / 2)]!;

it('holds after real activity, reaching the checkpoint the cron wrote to KV', async () => {
  await anchor();
  const checkpoint = await readCheckpoint(portal.env.AUDIT_ANCHOR);
  expect(checkpoint).toMatchObject({ id: original.at(-1)!.id, hash: original.at(-1)!.hash });
  expect(await verify()).toEqual({ checked: original.length, problem: null });
});

it('the anchoring cron writes KV only when the head has moved', async () => {
  await anchor(new Date('2026-12-01T10:00:00Z'));
  await anchor(new Date('2026-12-01T10:15:00Z'));
  expect((await readCheckpoint(portal.env.AUDIT_ANCHOR))?.at).toBe('2026-12-01T10:00:00.000Z');
});

describe('names the first affected event when someone with write access to D1', () => {
  it('changes what an event says', async () => {
    const victim = middle();
    await portal.db
      .update(auditEvents)
      .set({ data: { ...victim.data, email: 'nagon.annan@example.se' } })
      .where(eq(auditEvents.id, victim.id));
    expect((await verify()).problem).toEqual({ kind: 'changed', eventId: victim.id });
  });

  it('changes who did it', async () => {
    const victim = middle();
    await portal.db.update(auditEvents).set({ actorUserId: 999_999 }).where(eq(auditEvents.id, victim.id));
    expect((await verify()).problem).toEqual({ kind: 'changed', eventId: victim.id });
  });

  it('deletes an event in the middle', async () => {
    const victim = middle();
    await portal.db.delete(auditEvents).where(eq(auditEvents.id, victim.id));
    expect((await verify()).problem).toEqual({ kind: 'deleted', eventId: victim.id + 1 });
  });

  it('swaps two events', async () => {
    const first = middle();
    const second = original[original.indexOf(first) + 1]!;
    await replaceTrail(
      original.map((e) => (e === first ? { ...second, id: first.id } : e === second ? { ...first, id: second.id } : e)),
    );
    expect((await verify()).problem).toEqual({ kind: 'reordered', eventId: first.id });
  });

  it('cuts off the tail after the cron anchored the head', async () => {
    await anchor();
    const head = original.at(-1)!;
    await portal.db.delete(auditEvents).where(gte(auditEvents.id, head.id - 2));
    expect((await verify()).problem).toEqual({ kind: 'truncated', eventId: head.id });
  });

  it('cuts off the tail and lets the portal write on: the cron does not move the checkpoint past the cut', async () => {
    await anchor();
    const head = original.at(-1)!;
    await portal.db.delete(auditEvents).where(gte(auditEvents.id, head.id - 2));
    await commitWithAudit(portal.db, {
      now: new Date(),
      statements: [],
      events: [{ action: 'test.after_cut', subjectType: 'system', subjectId: 'test' }],
    });
    await anchor(new Date(Date.now() + 15 * 60_000));
    expect(await readCheckpoint(portal.env.AUDIT_ANCHOR)).toMatchObject({ id: head.id, hash: head.hash });
    expect((await verify()).problem).toEqual({ kind: 'truncated', eventId: head.id });
  });

  it("cuts off the tail holding a signature's event, with no checkpoint yet", async () => {
    // What the signing code stores: the hash of the event that records the signature.
    const [signature] = await portal.db
      .select()
      .from(signatures)
      .where(eq(signatures.party, 'district'))
      .orderBy(desc(signatures.id))
      .limit(1);
    const [confirmed] = await portal.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'agreement.confirmed'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    await portal.db.update(signatures).set({ auditHash: confirmed!.hash }).where(eq(signatures.id, signature!.id));
    expect((await verify()).problem).toBeNull();
    await portal.db.delete(auditEvents).where(gte(auditEvents.id, confirmed!.id));
    expect((await verify()).problem).toEqual({ kind: 'truncated', eventId: confirmed!.id, signatureId: signature!.id });
  });

  it('changes an event and recomputes the chain after it with plain SHA-256, as the unkeyed chain did', async () => {
    const victim = middle();
    let prevHash = original[original.indexOf(victim) - 1]!.hash;
    const rewritten: Event[] = [];
    for (const e of original) {
      if (e.id < victim.id) rewritten.push(e);
      else {
        const data = e.id === victim.id ? { ...e.data, email: 'nagon.annan@example.se' } : e.data;
        const hash = await sha256Hex(
          JSON.stringify([prevHash, e.at, e.actorUserId, e.action, e.subjectType, e.subjectId, data]),
        );
        rewritten.push({ ...e, data, prevHash, hash });
        prevHash = hash;
      }
    }
    await replaceTrail(rewritten);
    expect((await verify()).problem).toEqual({ kind: 'unkeyed', eventId: victim.id });
  });

  it('deletes an event and relinks the rest under a key of their own', async () => {
    const victim = middle();
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode('a key that is not PORTAL_SECRET'),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const hmac = async (text: string) =>
      [...new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
    let prevHash = original[original.indexOf(victim) - 1]!.hash;
    const rewritten: Event[] = [];
    for (const e of original) {
      if (e.id < victim.id) rewritten.push(e);
      else if (e.id > victim.id) {
        const hash = await hmac(
          JSON.stringify([prevHash, e.at, e.actorUserId, e.action, e.subjectType, e.subjectId, e.dataHash]),
        );
        rewritten.push({ ...e, prevHash, hash });
        prevHash = hash;
      }
    }
    await replaceTrail(rewritten);
    expect((await verify()).problem).toEqual({ kind: 'unkeyed', eventId: victim.id + 1 });
  });
});

it('gives the caller the hashes its events will have, so a row can keep its evidence', async () => {
  const [signature] = await portal.db.select().from(signatures).limit(1);
  await commitWithAudit(portal.db, {
    now: new Date(),
    statements: ([hash]) => [
      portal.db.update(signatures).set({ auditHash: hash }).where(eq(signatures.id, signature!.id)),
    ],
    events: [{ action: 'test.evidence', subjectType: 'signature', subjectId: signature!.id }],
  });
  const [event] = await portal.db.select().from(auditEvents).where(eq(auditEvents.action, 'test.evidence')).limit(1);
  const [stored] = await portal.db.select().from(signatures).where(eq(signatures.id, signature!.id));
  expect(stored?.auditHash).toBe(event?.hash);
  expect((await verify()).problem).toBeNull();
});

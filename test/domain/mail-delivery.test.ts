import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../functions/db/client';
import { outbox } from '../../functions/db/schema';
import { coordinatorEmail } from '../../functions/db/seed-accounts';
import {
  claimMinutes,
  deliverOutbox,
  maxAttempts,
  retryDelays,
  type OutgoingMail,
  type Transport,
} from '../../functions/domain/delivery';
import { queueMail } from '../../functions/domain/mail';
import { discardMail, listTroubledMail, resendMail } from '../../functions/domain/mail-desk';
import { requestSignIn, spendSignInToken } from '../../functions/domain/sign-in';
import { addMinutes } from '../../functions/domain/time';
import { commitExpecting, rowExists } from '../../functions/domain/transition';
import { AppError } from '../../functions/errors';
import { domainDatabases } from '../support/domain-db';
import { coordinatorOf, eventsOf, origin } from '../support/domain-flows';

// The dispatcher that takes the outbox to the recipients, with a transport the test holds.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');

/** A transport that keeps what it was given, failing the first `failures` calls. */
function capture(failures = 0, reason = 'Mottagarservern svarade inte') {
  const sent: OutgoingMail[] = [];
  let calls = 0;
  const transport: Transport = async (mail) => {
    calls += 1;
    if (calls <= failures) throw new Error(reason);
    sent.push(mail);
  };
  return { sent, transport, calls: () => calls };
}

const letter = (to: string, subject = 'Hej') => ({
  to,
  subject,
  body: `Hej!\n\nLäs mer:\nhttp://portal.test/sida\n\nSamverkansportalen, Stockholms stad`,
  links: ['http://portal.test/sida'],
});
const rowOf = async (db: Db, id: number) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0];
async function queue(db: Db, to: string, subject?: string) {
  const [row] = await queueMail(db, letter(to, subject), now).returning({ id: outbox.id });
  return row?.id ?? 0;
}

describe('delivering the outbox', () => {
  it('sends a sign-in link with its live token, as Swedish text and accessible HTML, and stamps it sent', async () => {
    const db = await freshDb();
    await requestSignIn({ db, email: coordinatorEmail, origin, now });
    const { sent, transport } = capture();
    expect(await deliverOutbox({ db, transport, now })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [mail] = sent;
    expect(mail?.to).toBe(coordinatorEmail);
    expect(mail?.headers).toEqual({ 'Auto-Submitted': 'auto-generated' });
    const token = /token=([\w-]{43})/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(mail?.html).toContain('<html lang="sv">');
    expect(mail?.html).toContain(`<a href="${origin}/logga-in/bekrafta?token=${token}">`);
    expect(mail?.html).not.toMatch(/<img|<script/);
    expect((await spendSignInToken({ db, token, now })).userId).toBeGreaterThan(0);
    const [row] = await db.select().from(outbox);
    expect(row).toMatchObject({ status: 'sent', sentAt: now.toISOString(), attempts: 0, claim: null, lastError: null });
    // Sent once: the next run finds nothing.
    expect(await deliverOutbox({ db, transport, now: addMinutes(now, 5) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
  });

  it('escapes the text in the HTML part', async () => {
    const db = await freshDb();
    await queueMail(
      db,
      {
        to: 'a@skola.example',
        subject: 'Test',
        body: 'Skolan <b>"Ek & Ask"</b>\nhttp://portal.test/a?x=1&y=2',
        links: [],
      },
      now,
    );
    const { sent, transport } = capture();
    await deliverOutbox({ db, transport, now });
    expect(sent[0]?.html).toContain(
      '<p>Skolan &lt;b&gt;&quot;Ek &amp; Ask&quot;&lt;/b&gt;<br>\n<a href="http://portal.test/a?x=1&amp;y=2">http://portal.test/a?x=1&amp;y=2</a></p>',
    );
  });

  it('retries a failure after a growing delay, and sends it when the transport recovers', async () => {
    const db = await freshDb();
    const id = await queue(db, 'rektor@skola.example');
    const { sent, transport } = capture(2);
    expect(await deliverOutbox({ db, transport, now })).toMatchObject({ retrying: 1 });
    expect(await rowOf(db, id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      nextAttemptAt: addMinutes(now, retryDelays[0]).toISOString(),
      lastError: 'Mottagarservern svarade inte',
    });
    // Not before its time.
    expect(await deliverOutbox({ db, transport, now: addMinutes(now, retryDelays[0] - 0.5) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    const second = addMinutes(now, retryDelays[0]);
    expect(await deliverOutbox({ db, transport, now: second })).toMatchObject({ retrying: 1 });
    expect(await rowOf(db, id)).toMatchObject({
      attempts: 2,
      nextAttemptAt: addMinutes(second, retryDelays[1]).toISOString(),
    });
    expect(await deliverOutbox({ db, transport, now: addMinutes(second, retryDelays[1]) })).toMatchObject({ sent: 1 });
    expect(sent).toHaveLength(1);
    expect(await rowOf(db, id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('gives up after the last retry, keeping a reason with no address, link or token', async () => {
    const db = await freshDb();
    const id = await queue(db, 'rektor@skola.example');
    const leaky = `550 rejected rektor@skola.example: http://portal.test/logga-in/bekrafta?token=${'A'.repeat(43)} ${'B'.repeat(43)}`;
    const { transport, calls } = capture(Infinity, leaky);
    let at = now;
    for (const delay of retryDelays) {
      expect(await deliverOutbox({ db, transport, now: at })).toMatchObject({ retrying: 1 });
      at = addMinutes(at, delay);
    }
    expect(await deliverOutbox({ db, transport, now: at })).toMatchObject({ failed: 1 });
    expect(calls()).toBe(maxAttempts);
    const row = await rowOf(db, id);
    expect(row).toMatchObject({ status: 'failed', attempts: maxAttempts, nextAttemptAt: null });
    expect(row?.lastError).toBe('550 rejected …@skola.example: [länk] …');
    expect(await deliverOutbox({ db, transport, now: addMinutes(at, 24 * 60) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
  });

  it('two dispatchers racing send each message exactly once', async () => {
    const db = await freshDb();
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => queue(db, `mottagare${i}@skola.example`)));
    const counts = new Map<string, number>();
    const transport: Transport = async (mail) => {
      counts.set(mail.to, (counts.get(mail.to) ?? 0) + 1);
    };
    const runs = await Promise.all([1, 2, 3].map(() => deliverOutbox({ db, transport, now, limit: 5 })));
    const again = await Promise.all([1, 2].map(() => deliverOutbox({ db, transport, now, limit: 5 })));
    expect([...runs, ...again].reduce((n, r) => n + r.sent, 0)).toBe(12);
    expect([...counts.values()]).toEqual(Array(12).fill(1));
    for (const id of ids) expect((await rowOf(db, id))?.status).toBe('sent');
  });

  it('a row another dispatcher holds waits, until that claim has outlived its dispatcher', async () => {
    const db = await freshDb();
    const id = await queue(db, 'rektor@skola.example');
    await db.update(outbox).set({ claim: 'dead-dispatcher', claimedAt: now.toISOString() }).where(eq(outbox.id, id));
    const { sent, transport } = capture();
    expect(await deliverOutbox({ db, transport, now: addMinutes(now, claimMinutes - 1) })).toMatchObject({ sent: 0 });
    expect(await deliverOutbox({ db, transport, now: addMinutes(now, claimMinutes + 1) })).toMatchObject({ sent: 1 });
    expect(sent).toHaveLength(1);
  });

  it('sends nothing for a change that was refused: its letter was never written', async () => {
    const db = await freshDb();
    await expect(
      commitExpecting(db, {
        now,
        expect: rowExists(db, outbox, eq(outbox.id, -1)),
        refused: 'CHANGED_MEANWHILE',
        statements: [queueMail(db, letter('rektor@skola.example'), now)],
        events: [{ action: 'test.refused', subjectType: 'test', subjectId: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'CHANGED_MEANWHILE' });
    const { transport, calls } = capture();
    expect(await deliverOutbox({ db, transport, now })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(calls()).toBe(0);
    expect(await db.select().from(outbox)).toEqual([]);
  });
});

describe('the coordinator and mail that did not go out', () => {
  async function failedMail(db: Db, to = 'rektor@skola.example', subject = 'Din inloggningslänk') {
    const id = await queue(db, to, subject);
    await db
      .update(outbox)
      .set({ status: 'failed', attempts: maxAttempts, lastError: 'Domänen finns inte' })
      .where(eq(outbox.id, id));
    return id;
  }

  it('sees failed and delayed messages by domain, subject, attempts and reason, never the address or text', async () => {
    const db = await freshDb();
    const failed = await failedMail(db);
    const retrying = await queue(db, 'kansli@annan.example', 'Påminnelse');
    await db
      .update(outbox)
      .set({ attempts: 2, lastError: 'Tillfälligt fel', nextAttemptAt: addMinutes(now, 30).toISOString() })
      .where(eq(outbox.id, retrying));
    await queue(db, 'ny@skola.example', 'Nyss skrivet');
    const sentId = await queue(db, 'klar@skola.example', 'Skickat');
    await db.update(outbox).set({ status: 'sent', sentAt: now.toISOString() }).where(eq(outbox.id, sentId));
    const list = await listTroubledMail({ db, now: addMinutes(now, 5) });
    expect(list.map((m) => [m.id, m.domain, m.subject, m.status, m.attempts, m.lastError])).toEqual([
      [failed, 'skola.example', 'Din inloggningslänk', 'failed', maxAttempts, 'Domänen finns inte'],
      [retrying, 'annan.example', 'Påminnelse', 'queued', 2, 'Tillfälligt fel'],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/rektor@|kansli@|Läs mer|portal\.test/);
    // A message never tried for more than a quarter of an hour is delayed too.
    expect((await listTroubledMail({ db, now: addMinutes(now, 20) })).map((m) => m.subject)).toContain('Nyss skrivet');
  });

  it('resends a failed message (back to the queue, delivered next run) and discards another, both audited', async () => {
    const db = await freshDb();
    const coordinator = await coordinatorOf(db);
    const resent = await failedMail(db);
    const discarded = await failedMail(db, 'kansli@skola.example', 'Påminnelse');
    await resendMail({ db, actorUserId: coordinator.userId, mailId: resent, now });
    await discardMail({ db, actorUserId: coordinator.userId, mailId: discarded, now });
    expect(await rowOf(db, resent)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: null });
    expect(await rowOf(db, discarded)).toMatchObject({ status: 'discarded' });
    const { sent, transport } = capture();
    expect(await deliverOutbox({ db, transport, now })).toMatchObject({ sent: 1 });
    expect(sent.map((m) => m.to)).toEqual(['rektor@skola.example']);
    expect(await listTroubledMail({ db, now })).toEqual([]);
    const [resentEvent] = await eventsOf(db, 'mail.resent');
    expect(resentEvent).toMatchObject({
      actorUserId: coordinator.userId,
      subjectType: 'mail',
      subjectId: String(resent),
      data: { domain: 'skola.example', subject: 'Din inloggningslänk', attempts: maxAttempts },
    });
    expect(await eventsOf(db, 'mail.discarded')).toHaveLength(1);
  });

  it('refuses to act on a message already sent or discarded, changing nothing and auditing nothing', async () => {
    const db = await freshDb();
    const coordinator = await coordinatorOf(db);
    const id = await failedMail(db);
    await discardMail({ db, actorUserId: coordinator.userId, mailId: id, now });
    for (const act of [resendMail, discardMail]) {
      await expect(act({ db, actorUserId: coordinator.userId, mailId: id, now })).rejects.toMatchObject({
        code: 'MAIL_HANDLED',
      });
    }
    expect(await rowOf(db, id)).toMatchObject({ status: 'discarded' });
    expect(await eventsOf(db, 'mail.resent')).toEqual([]);
    expect(await eventsOf(db, 'mail.discarded')).toHaveLength(1);
    // A message being sent right now is not put back in the queue, or it could go out twice.
    const busy = await queue(db, 'upptagen@skola.example');
    await db
      .update(outbox)
      .set({ attempts: 1, claim: 'at-work', claimedAt: now.toISOString() })
      .where(eq(outbox.id, busy));
    await expect(resendMail({ db, actorUserId: coordinator.userId, mailId: busy, now })).rejects.toBeInstanceOf(
      AppError,
    );
    await expect(discardMail({ db, actorUserId: coordinator.userId, mailId: 99_999, now })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

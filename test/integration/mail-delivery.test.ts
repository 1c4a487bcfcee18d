import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox } from '../../functions/db/schema';
import { coordinatorEmail } from '../../functions/db/seed-accounts';
import { mailCron, maxAttempts } from '../../functions/domain/delivery';
import { messages } from '../../functions/messages';
import { Visitor } from '../support/client';
import { signIn } from '../support/flows';
import { startPortal, type Portal } from '../support/portal';

// The built Worker delivers its outbox through the `send_email` binding, here wrangler's local
// simulation of Cloudflare Email Service (which checks the sender against allowed_sender_addresses).

/** The outbox row once `done` holds for it: delivery runs after the answer, so it is waited for. */
async function rowWhen(portal: Portal, id: number, done: (row: typeof outbox.$inferSelect) => boolean) {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const [row] = await portal.db.select().from(outbox).where(eq(outbox.id, id));
    if (row && done(row)) return row;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Meddelande ${id} kom aldrig dit`);
}

const newestTo = async (portal: Portal, to: string) => {
  const rows = await portal.db.select().from(outbox).where(eq(outbox.to, to));
  return rows.at(-1)?.id ?? 0;
};

const queue = async (portal: Portal, values: Partial<typeof outbox.$inferInsert> & { to: string; subject: string }) => {
  const [row] = await portal.db
    .insert(outbox)
    .values({
      body: 'Hej!\n\nSamverkansportalen, Stockholms stad',
      links: [],
      createdAt: new Date(Date.now() - 60 * 60_000).toISOString(),
      ...values,
    })
    .returning({ id: outbox.id });
  return row?.id ?? 0;
};

it('the binding may send from the configured sender only, and the mail cron is scheduled', () => {
  const config = JSON.parse(readFileSync('dist/server/wrangler.json', 'utf8'));
  expect(config.send_email).toEqual([{ name: 'MAIL', allowed_sender_addresses: [config.vars.MAIL_FROM] }]);
  expect(config.triggers.crons).toContain(mailCron);
});

describe('mail goes out through the local Email Service binding', () => {
  let portal: Portal;
  let coordinator: Visitor;
  beforeAll(async () => {
    portal = await startPortal();
    coordinator = new Visitor(portal);
    await signIn(portal, coordinator, coordinatorEmail);
  });
  afterAll(async () => portal?.close());

  it('a sign-in link is sent right after the request that wrote it, and /dev/mail says so', async () => {
    const visitor = new Visitor(portal);
    expect((await visitor.post('/logga-in', { email: 'ingen.alls@okand.example' })).status).toBe(303);
    const row = await rowWhen(portal, await newestTo(portal, 'ingen.alls@okand.example'), (r) => r.status !== 'queued');
    expect(row).toMatchObject({ status: 'sent', attempts: 0, lastError: null, claim: null });
    expect(await (await visitor.get('/dev/mail')).text()).toContain('Skickat');
  });

  it('the cron delivers a message whose retry is due', async () => {
    const id = await queue(portal, {
      to: 'kansli@skola.example',
      subject: 'Påminnelse',
      attempts: 1,
      nextAttemptAt: new Date(Date.now() - 1000).toISOString(),
    });
    await portal.worker.scheduled({ cron: mailCron, scheduledTime: new Date() });
    expect((await rowWhen(portal, id, (r) => r.status !== 'queued')).status).toBe('sent');
  });

  it('the coordinator sees a failed message by its domain, resends it, discards another, and each is audited', async () => {
    const failed = { status: 'failed' as const, attempts: maxAttempts, lastError: 'Domänen tar inte emot e-post' };
    const resent = await queue(portal, {
      to: 'rektor@fel-doman.example',
      subject: 'Din inloggningslänk till Samverkansportalen',
      ...failed,
    });
    const discarded = await queue(portal, {
      to: 'kansli@fel-doman.example',
      subject: 'Påminnelse om uppföljning',
      ...failed,
    });
    const page = await (await coordinator.get('/admin/e-post')).text();
    expect(page).toContain('fel-doman.example');
    expect(page).toContain('Domänen tar inte emot e-post');
    expect(page).not.toContain('rektor@fel-doman.example');
    expect(await (await coordinator.get('/admin/')).text()).toContain('href="/admin/e-post"');

    const resend = await coordinator.post(`/admin/e-post?atgard=skicka-igen&id=${resent}`, {});
    expect([resend.status, resend.headers.get('location')]).toEqual([303, '/admin/e-post?skickas=1']);
    expect(await rowWhen(portal, resent, (r) => r.status === 'sent')).toMatchObject({ attempts: 0, lastError: null });
    const discard = await coordinator.post(`/admin/e-post?atgard=kasta&id=${discarded}`, {});
    expect([discard.status, discard.headers.get('location')]).toEqual([303, '/admin/e-post?kastat=1']);
    expect((await rowWhen(portal, discarded, () => true)).status).toBe('discarded');

    const again = await coordinator.post(`/admin/e-post?atgard=skicka-igen&id=${discarded}`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(messages.errors.MAIL_HANDLED);
    const events = await portal.db.select().from(auditEvents).where(eq(auditEvents.subjectType, 'mail'));
    expect(events.map((e) => [e.action, e.subjectId])).toEqual([
      ['mail.resent', String(resent)],
      ['mail.discarded', String(discarded)],
    ]);
    expect(await (await coordinator.get('/admin/e-post')).text()).not.toContain('fel-doman.example');
  });
});

describe('a sender the binding does not allow', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({ vars: { MAIL_FROM: 'obehorig@annan.example' } });
  });
  afterAll(async () => portal?.close());

  it('is refused by the binding; the message waits for its retry with the reason, and no address or link', async () => {
    const visitor = new Visitor(portal);
    await visitor.post('/logga-in', { email: coordinatorEmail });
    const row = await rowWhen(portal, await newestTo(portal, coordinatorEmail), (r) => r.attempts > 0);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, sentAt: null });
    expect(row.lastError).toBe('email from …@annan.example not allowed');
    expect(row.nextAttemptAt).not.toBeNull();
  });
});

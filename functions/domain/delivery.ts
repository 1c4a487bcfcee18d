import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { randomToken } from './crypto';
import { renderMail, type Mail } from './mail';
import { addMinutes, iso } from './time';

/** The Cron Trigger that delivers what is due (wrangler.toml); every change delivers at once too. */
export const mailCron = '*/2 * * * *';

/** Minutes to wait after each failed delivery; after the last one the message is marked failed. */
export const retryDelays = [1, 5, 30, 120, 360] as const;
export const maxAttempts = retryDelays.length + 1;
/** A claim older than this is free again: its dispatcher died, or outlived its Worker invocation. */
export const claimMinutes = 10;

/** A message as it leaves the portal: Swedish text, the same as simple HTML, and its headers. */
export type OutgoingMail = { to: string; subject: string; text: string; html: string; headers: Record<string, string> };
/** Delivers one message or throws; the Worker's is Cloudflare Email Service, tests pass their own. */
export type Transport = (mail: OutgoingMail) => Promise<unknown>;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const url = /https?:\/\/[^\s<>"]+/g;

/** One line of the text as HTML: every address a real link, everything else escaped. */
function lineHtml(line: string): string {
  let html = '';
  let at = 0;
  for (const match of line.matchAll(url)) {
    const link = escapeHtml(match[0]);
    html += `${escapeHtml(line.slice(at, match.index))}<a href="${link}">${link}</a>`;
    at = match.index + match[0].length;
  }
  return html + escapeHtml(line.slice(at));
}

/**
 * A rendered outbox row as it is sent: the text as written, and an HTML part that says the same
 * (lang="sv", a paragraph per paragraph, links as links, no images). Auto-Submitted tells
 * out-of-office replies not to answer.
 */
export function composeMail(mail: Pick<Mail, 'to' | 'subject' | 'body'>): OutgoingMail {
  const paragraphs = mail.body.split(/\n{2,}/).map((p) => `<p>${p.split('\n').map(lineHtml).join('<br>\n')}</p>`);
  const html = [
    '<!doctype html>',
    '<html lang="sv">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(mail.subject)}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em;">',
    ...paragraphs,
    '</body>',
    '</html>',
  ].join('\n');
  return { to: mail.to, subject: mail.subject, text: mail.body, html, headers: { 'Auto-Submitted': 'auto-generated' } };
}

/** Cloudflare Email Service: the `send_email` binding, from the one configured sender. */
export const emailServiceTransport =
  (binding: SendEmail, from: { email: string; name: string }): Transport =>
  (mail) =>
    binding.send({ from, ...mail });

/**
 * What a failure may keep: the reason, with addresses cut to their domain and anything long
 * enough to be a token or a link removed, so that neither a sign-in token nor the text is stored.
 */
export function failureReason(error: unknown): string {
  const said = error instanceof Error ? error.message : String(error);
  return said
    .replace(url, '[länk]')
    .replace(/[^\s<>"',;:]+@([\w.-]+)/g, '…@$1')
    .replace(/[\w-]{24,}/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** Rows a dispatcher may take now: queued, due, and not claimed by a dispatcher still at work. */
const due = (now: Date) =>
  and(
    eq(outbox.status, 'queued'),
    or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, iso(now))),
    or(isNull(outbox.claim), lt(outbox.claimedAt, iso(addMinutes(now, -claimMinutes)))),
  );

/**
 * Delivers what is due from the outbox. The rows are claimed in one statement with a random
 * claim, so two dispatchers never take the same row; every later write names the claim, so a
 * dispatcher whose claim ran out and was taken over writes nothing. A failure waits longer each
 * time (`retryDelays`) and is marked failed after `maxAttempts`, keeping only the reason.
 */
export async function deliverOutbox({
  db,
  transport,
  now,
  limit = 25,
}: {
  db: Db;
  transport: Transport;
  now: Date;
  limit?: number;
}) {
  const claim = randomToken();
  const taken = await db
    .update(outbox)
    .set({ claim, claimedAt: iso(now) })
    .where(
      inArray(
        outbox.id,
        db.select({ id: outbox.id }).from(outbox).where(due(now)).orderBy(asc(outbox.id)).limit(limit),
      ),
    )
    .returning();
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  for (const row of taken.sort((a, b) => a.id - b.id)) {
    const mine = and(eq(outbox.id, row.id), eq(outbox.claim, claim));
    try {
      await transport(composeMail(await renderMail(row)));
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = retryDelays[attempts - 1];
      const gaveUp = delay === undefined;
      await db
        .update(outbox)
        .set({
          attempts,
          status: gaveUp ? 'failed' : 'queued',
          nextAttemptAt: gaveUp ? null : iso(addMinutes(now, delay)),
          lastError: failureReason(error),
          claim: null,
          claimedAt: null,
        })
        .where(mine);
      outcome[gaveUp ? 'failed' : 'retrying'] += 1;
      continue;
    }
    await db
      .update(outbox)
      .set({ status: 'sent', sentAt: iso(now), nextAttemptAt: null, lastError: null, claim: null, claimedAt: null })
      .where(mine);
    outcome.sent += 1;
  }
  return outcome;
}

import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { keyedToken } from './secrets';

export type Mail = { to: string; subject: string; body: string; links: string[] };

/**
 * The Mailer: every message is a row in the outbox, written in the same batch as the change
 * that caused it. Delivery is a separate step (see README, "E-mail"): whatever delivers or shows
 * a message takes it through `renderMail` first.
 */
export function queueMail(db: Db, mail: Mail, now: Date) {
  return db.insert(outbox).values({ ...mail, createdAt: now.toISOString() });
}

// A sign-in token never rests in the outbox: the row holds this marker with a random nonce, and
// the token is keyed from the nonce only when the message is shown or sent. Reading D1 without
// PORTAL_SECRET gives the nonce, which signs no one in.
const tokenMarker = /\{sign-in-token:([\w-]{43})\}/g;

/** The marker that stands for the sign-in token made from this nonce. */
export const signInTokenMarker = (nonce: string) => `{sign-in-token:${nonce}}`;

/** The sign-in token a nonce stands for (its SHA-256 is what the token row stores). */
export const signInTokenFor = (nonce: string) => keyedToken('mail-token', nonce);

async function fill(text: string): Promise<string> {
  const nonces = [...new Set([...text.matchAll(tokenMarker)].map((m) => m[1] as string))];
  const tokens = new Map(await Promise.all(nonces.map(async (n) => [n, await signInTokenFor(n)] as const)));
  return text.replace(tokenMarker, (_, nonce: string) => tokens.get(nonce) as string);
}

/** A message from the outbox as it is delivered: its sign-in links completed with their tokens. */
export async function renderMail<Row extends Pick<Mail, 'body' | 'links'>>(row: Row): Promise<Row> {
  return { ...row, body: await fill(row.body), links: await Promise.all(row.links.map(fill)) };
}

import { openDb } from './db/client';
import { deliverOutbox, emailServiceTransport } from './domain/delivery';

// How the Worker runs the outbox's dispatcher (functions/domain/delivery.ts): from every cron run,
// and after every request that changed something.

/** Delivers what is due from the outbox through Cloudflare Email Service (every cron run, and after every change). */
export async function deliverMail(env: Env, now: Date) {
  const transport = emailServiceTransport(env.MAIL, { email: env.MAIL_FROM, name: env.MAIL_FROM_NAME });
  try {
    const outcome = await deliverOutbox({ db: openDb(env.DB), transport, now });
    if (outcome.retrying || outcome.failed) console.warn(`E-post som inte gick fram: ${JSON.stringify(outcome)}`);
  } catch (error) {
    console.error('Utkorgen kunde inte skickas', error);
  }
}

// One dispatcher per isolate for the requests' deliveries: a burst of changes (hundreds of
// registrations at once) asks the running one for another round instead of starting hundreds side
// by side that would only race each other for D1. Each run stays within its own request's
// waitUntil (no promise is shared across requests) and stops after a few rounds; whatever is left
// goes with the next change or the cron. A run cut off with its request never clears its mark, so
// after a minute the mark no longer counts.
const maxRounds = 5;
const runMarkMs = 60_000;
let deliveringSince: number | null = null;
let deliverAgain = false;
export async function deliverSoon(env: Env): Promise<void> {
  if (deliveringSince !== null && Date.now() - deliveringSince < runMarkMs) {
    deliverAgain = true;
    return;
  }
  const mark = Date.now();
  deliveringSince = mark;
  try {
    for (let round = 0; round === 0 || (deliverAgain && round < maxRounds); round += 1) {
      deliverAgain = false;
      await deliverMail(env, new Date());
    }
  } finally {
    if (deliveringSince === mark) deliveringSince = null;
  }
}

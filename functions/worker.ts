import { handle } from '@astrojs/cloudflare/handler';
import { api } from './api/app';
import { maxFormBytes, methodNotAllowed } from './http/form-post';
import { readWithin } from './http/body-limit';
import { openDb } from './db/client';
import { districts } from './db/schema';
import { inD1Session } from './db/replica';
import { fromEdge, purgingAfter } from './http/edge-cache';
import { rowsReadHeader, tallyRowsRead } from './db/rows-read';
import { anchorAuditHead, anchorCron } from './domain/audit-anchor';
import { purgeExpired } from './domain/purge';
import { runAgreementReminders } from './domain/reminders';
import { remindFollowUps } from './domain/follow-ups';
import { computeIndicator } from './domain/indicator';
import { syncSchoolUnits } from './domain/sync-school-units';
import { registerConfig } from './register/skolverket';
import { withSecurityHeaders } from './http/security-headers';
import { cityAccountFormTargets } from './http/city-account';
import { useSecret } from './domain/secrets';
import { mailCron } from './domain/delivery';
import { deliverMail, deliverSoon } from './deliver-mail';
import { isConfigured, notConfiguredAnswer } from './http/config-check';

// The whole entry: the JSON API (health, open data, the dev mailbox) goes to Hono, every page and
// the form posted to it to Astro, and every answer gets the security headers; the daily cron sends reminders, runs the purges the privacy
// notice promises, syncs Skolverket's school units in Stockholm and recomputes the participation indicator; every cron run anchors the audit
// chain's head outside D1. Mail goes out after every change and on every cron run. A production
// Worker missing part of its configuration does none of it.
export default {
  async fetch(request, env, ctx) {
    if (!isConfigured(env)) return withSecurityHeaders(await notConfiguredAnswer(request, env.ASSETS));
    useSecret(env.PORTAL_SECRET);
    const route = async () => {
      const { pathname } = new URL(request.url);
      if (pathname === '/api' || pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
      if (!['GET', 'HEAD', 'POST'].includes(request.method)) return refuseForm(request);
      return handle(request, env, ctx);
    };
    // One D1 session per request (replica reads for anonymous visitors, own writes for the rest);
    // a change purges the public pages kept at the edge before the answer leaves.
    const render = () =>
      purgingAfter(
        env,
        () => districtSlugs(env),
        () => inD1Session(request, env.DB, route),
      );
    // Local development only, and only when the request asks (`npm run bench`): what D1 cost the
    // Worker to render it, so never an answer from the edge.
    const answer =
      env.APP_ENV === 'development' && request.headers.has(rowsReadHeader)
        ? await tallyRowsRead(render)
        : await fromEdge(request, env, ctx, render);
    // A change may have written mail (a sign-in link): deliver it now, after the answer.
    if (request.method !== 'GET' && request.method !== 'HEAD' && answer.status < 400) ctx.waitUntil(deliverSoon(env));
    return withSecurityHeaders(answer, cityAccountFormTargets(env));
  },
  async scheduled(controller, env) {
    if (!isConfigured(env)) return;
    useSecret(env.PORTAL_SECRET);
    await purgingAfter(
      env,
      () => districtSlugs(env),
      () => runCron(controller, env),
    );
  },
} satisfies ExportedHandler<Env>;

/** One cron run: the daily work or the anchor, and the mail that is due. */
async function runCron(controller: ScheduledController, env: Env): Promise<void> {
  const db = openDb(env.DB);
  const now = new Date(controller.scheduledTime);
  if (controller.cron === mailCron) return deliverMail(env, now);
  if (controller.cron !== anchorCron) {
    const reminders = await runAgreementReminders({ db, now, origin: env.PUBLIC_ORIGIN });
    const followUpReminders = await remindFollowUps({ db, now, origin: env.PUBLIC_ORIGIN });
    const removed = await purgeExpired({ db, now });
    // Skolverket's register first: the indicator counts its units.
    const synced = await syncSchoolUnits({ db, config: registerConfig(env), now });
    await computeIndicator({ db, now });
    console.log(
      `Påminnelser: ${JSON.stringify({ ...reminders, followUpReminders })}; rensning: ${JSON.stringify(removed)}; skolenhetsregistret: ${JSON.stringify(synced)}`,
    );
  }
  const anchored = await anchorAuditHead({ db, kv: env.AUDIT_ANCHOR, now });
  if (anchored.problem)
    console.error(`Händelsekedjan håller inte, kontrollpunkten flyttas inte: ${JSON.stringify(anchored.problem)}`);
  await deliverMail(env, now);
}

/** The district pages a purge must reach. */
async function districtSlugs(env: Env): Promise<string[]> {
  return (await openDb(env.DB).select({ slug: districts.slug }).from(districts)).map((d) => d.slug);
}

/**
 * Pages are read, and a page with a form takes its POST (see src/middleware.ts). Any other method
 * sent to a page is refused in Swedish, and only after its body has been read to the end: a body left unread breaks the
 * connection it came on, and the next request on it fails.
 */
async function refuseForm(request: Request): Promise<Response> {
  if (request.body) await readWithin(request.body, maxFormBytes);
  return methodNotAllowed();
}

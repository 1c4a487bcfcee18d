import { handle } from '@astrojs/cloudflare/handler';
import { api } from './api/app';
import { openDb } from './db/client';
import { purgeExpired } from './domain/purge';
import { runAgreementReminders } from './domain/reminders';
import { remindFollowUps } from './domain/follow-ups';
import { computeIndicator } from './domain/indicator';
import { withSecurityHeaders } from './http/security-headers';

// The whole entry: the JSON API and form posts go to Hono, everything else to Astro, and every
// answer gets the security headers; the daily cron sends reminders, runs the purges the privacy notice promises and recomputes the
// participation indicator.
export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    return withSecurityHeaders(isApi ? await api.fetch(request, env, ctx) : await handle(request, env, ctx));
  },
  async scheduled(controller, env) {
    const db = openDb(env.DB);
    const now = new Date(controller.scheduledTime);
    const reminders = await runAgreementReminders({ db, now, origin: env.PUBLIC_ORIGIN });
    const followUpReminders = await remindFollowUps({ db, now, origin: env.PUBLIC_ORIGIN });
    const removed = await purgeExpired({ db, now });
    await computeIndicator({ db, now });
    console.log(`Påminnelser: ${JSON.stringify({ ...reminders, followUpReminders })}; rensning: ${JSON.stringify(removed)}`);
  },
} satisfies ExportedHandler<Env>;

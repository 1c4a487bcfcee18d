import { handle } from '@astrojs/cloudflare/handler';
import { api } from './api/app';
import { openDb } from './db/client';
import { purgeExpired } from './domain/purge';
import { runAgreementReminders } from './domain/reminders';
import { withSecurityHeaders } from './http/security-headers';

// The whole entry: the JSON API and form posts go to Hono, everything else to Astro, and every
// answer gets the security headers; the daily cron sends the agreement reminders and runs the
// purges the privacy notice promises.
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
    const removed = await purgeExpired({ db, now });
    console.log(`Påminnelser: ${JSON.stringify(reminders)}; rensning: ${JSON.stringify(removed)}`);
  },
} satisfies ExportedHandler<Env>;

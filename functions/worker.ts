import { handle } from '@astrojs/cloudflare/handler';
import { api } from './api/app';
import { openDb } from './db/client';
import { rowsReadHeader, tallyRowsRead } from './db/rows-read';
import { purgeExpired } from './domain/purge';
import { runAgreementReminders } from './domain/reminders';

// The whole entry: the JSON API and form posts go to Hono, everything else to Astro; the
// daily cron sends the agreement reminders and runs the purges the privacy notice promises.
export default {
  async fetch(request, env, ctx) {
    const route = async () => {
      const { pathname } = new URL(request.url);
      if (pathname === '/api' || pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
      return handle(request, env, ctx);
    };
    // Local development only, and only when the request asks (`npm run bench`): the D1 rows read.
    if (env.APP_ENV === 'development' && request.headers.has(rowsReadHeader)) return tallyRowsRead(route);
    return route();
  },
  async scheduled(controller, env) {
    const db = openDb(env.DB);
    const now = new Date(controller.scheduledTime);
    const reminders = await runAgreementReminders({ db, now, origin: env.PUBLIC_ORIGIN });
    const removed = await purgeExpired({ db, now });
    console.log(`Påminnelser: ${JSON.stringify(reminders)}; rensning: ${JSON.stringify(removed)}`);
  },
} satisfies ExportedHandler<Env>;

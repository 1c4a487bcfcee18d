import { handle } from '@astrojs/cloudflare/handler';
import { api } from './api/app';
import { openDb } from './db/client';
import { purgeExpired } from './domain/purge';

// The whole entry: the JSON API and form posts go to Hono, everything else to Astro; the
// daily cron runs the purges the privacy notice promises.
export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === '/api' || pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
    return handle(request, env, ctx);
  },
  async scheduled(controller, env) {
    const removed = await purgeExpired({ db: openDb(env.DB), now: new Date(controller.scheduledTime) });
    console.log(`Rensning: ${JSON.stringify(removed)}`);
  },
} satisfies ExportedHandler<Env>;

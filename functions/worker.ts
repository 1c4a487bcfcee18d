import { handle } from '@astrojs/cloudflare/handler';
import { api } from './api/app';

// The whole entry: the JSON API and form posts go to Hono, everything else to Astro.
export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === '/api' || pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
    return handle(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;

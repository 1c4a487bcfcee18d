// @ts-check
import { defineConfig } from 'astro/config';
import cloudflare from '@astrojs/cloudflare';

export default defineConfig({
  site: 'https://samverkansportalen.stockholm.se',
  output: 'static',
  trailingSlash: 'ignore',
  // No sessions: sign-in state lives in D1 (a SESSION KV binding would otherwise be added).
  session: false,
  // passthrough + no remote bindings: nothing here may reach Cloudflare's network.
  adapter: cloudflare({ imageService: 'passthrough', remoteBindings: false }),
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // The middleware checks every form POST itself (functions/http/form-post.ts): Origin and
  // Sec-Fetch-Site against the configured public origin, not the request's Host, plus the keyed
  // token; Astro's own check would compare with the Host the request claims and answer in English.
  security: { checkOrigin: false },
  // No script is ever inlined into a page: the Content-Security-Policy only runs the portal's files.
  vite: { build: { assetsInlineLimit: 0 } },
});

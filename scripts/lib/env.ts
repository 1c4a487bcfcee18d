import { resolve } from 'node:path';

// Everything that must hold for any tool we start: no telemetry, no banner, no call home, and
// wrangler's own files inside the project instead of the user's home.
export const root = resolve(import.meta.dirname, '../..');
export const builtConfig = resolve(root, 'dist/server/wrangler.json');
export const stateDir = resolve(root, '.wrangler/state');

export const quietEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  XDG_CONFIG_HOME: resolve(root, '.config'),
};

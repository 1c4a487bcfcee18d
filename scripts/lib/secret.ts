import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { stateDir } from './env';

/**
 * The local PORTAL_SECRET: made once and kept beside the local D1, so that the audit chain and
 * the links in /dev/mail stay verifiable across restarts. Never used on Cloudflare, where the
 * secret is set with `wrangler secret put PORTAL_SECRET`.
 */
export function localSecret(dir = stateDir): string {
  const file = resolve(dir, 'portal-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { headersFileRule } from '../../functions/http/security-headers';
import { root } from './env';

/**
 * Static files and prerendered pages are served by the assets layer before the Worker runs, so
 * the security headers go into the _headers file too, after the Cache-Control rule the Cloudflare
 * adapter wrote there. Every matching rule applies, so /_astro/* gets both.
 */
export async function writeSecurityHeaders(): Promise<void> {
  await appendFile(resolve(root, 'dist/client/_headers'), `\n${headersFileRule()}`);
}

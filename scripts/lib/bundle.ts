import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtConfig } from './env';
import { captureTool } from './run';

// The production bundle exactly as `wrangler deploy` would upload it, built without contacting
// Cloudflare (`--dry-run`, and scripts/lib/env.ts turns off metrics), and its size as Cloudflare
// counts it against the Worker size limit: all modules together, gzipped.

/** Workers' limit on the compressed Worker (developers.cloudflare.com/workers/platform/limits). */
export const workerSizeLimits = { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 };

export type BundleSize = { modules: number; bytes: number; gzipBytes: number };

/** Builds the bundle into `outdir` (a failure throws with wrangler's output) and measures it. */
export function buildBundle(outdir: string): BundleSize {
  captureTool('wrangler', ['deploy', '--dry-run', '--outdir', outdir, '--config', builtConfig]);
  const files = readdirSync(outdir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && /\.(m?js|cjs|wasm|bin|txt|html|json)$/.test(f.name))
    .map((f) => readFileSync(join(f.parentPath, f.name)));
  if (files.length === 0) throw new Error(`wrangler deploy --dry-run skrev inga moduler i ${outdir}`);
  const all = Buffer.concat(files);
  return { modules: files.length, bytes: all.byteLength, gzipBytes: gzipSync(all).byteLength };
}

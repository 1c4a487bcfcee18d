import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildBundle, workerSizeLimits } from '../../scripts/lib/bundle';

// What `wrangler deploy` would upload must build, here and in CI, without an account or a
// connection; and it must fit the Workers Free plan's limit with room to spare.
const outdir = mkdtempSync(join(tmpdir(), 'samverkan-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it(
  'builds the production bundle with wrangler deploy --dry-run, within the Workers size limit',
  { timeout: 120_000 },
  () => {
    const size = buildBundle(outdir);
    expect(existsSync(join(outdir, 'entry.mjs'))).toBe(true);
    expect(size.gzipBytes).toBeGreaterThan(0);
    expect(size.gzipBytes).toBeLessThan(workerSizeLimits.free);
  },
);

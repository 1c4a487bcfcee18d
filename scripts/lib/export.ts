import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stateDir } from './env';
import { withLocalDb } from './local-db';

/**
 * A full SQL export (schema and data) of the local D1 in `dir`, as `wrangler d1 export` writes it.
 * Through the platform proxy, because `wrangler d1 export --local` only reads the state beside
 * the config file and takes no --persist-to.
 */
export async function exportLocalDb(file: string, dir = stateDir): Promise<void> {
  await withLocalDb(async (_db, env) => {
    const [dump] = await env.DB.prepare('PRAGMA miniflare_d1_export(?,?,?);').bind(false, false).raw<string[]>();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, (dump ?? []).join('\n'));
  }, dir);
}

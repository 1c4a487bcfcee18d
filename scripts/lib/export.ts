import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stateDir } from './env';
import { withLocalDb } from './local-db';

/**
 * A full SQL export of the local D1 in `dir` that restores into an empty D1 with
 * `wrangler d1 execute --file`. Through the platform proxy, because `wrangler d1 export --local`
 * only reads the state beside the config file and takes no --persist-to. Every table is created
 * before any row is written: D1's own export writes each table's rows right after the table, in
 * the order the tables were made, so a row of a table older than the table it refers to (schools
 * was rebuilt by a migration) fails on restore with "no such table".
 */
export async function exportLocalDb(file: string, dir = stateDir): Promise<void> {
  await withLocalDb(async (_db, env) => {
    const dump = async (noSchema: boolean, noData: boolean) =>
      (await env.DB.prepare('PRAGMA miniflare_d1_export(?,?,?);').bind(noSchema, noData).raw<string[]>())[0] ?? [];
    const [schema, data] = [await dump(false, true), await dump(true, false)];
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, [...schema, ...data].join('\n'));
  }, dir);
}

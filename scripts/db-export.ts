// `npm run db:export`: a full SQL export (schema and data) of the local D1, for backup or moving.
import { resolve } from 'node:path';
import { builtConfig, root, stateDir } from './lib/env';
import { runTool } from './lib/run';

const file = resolve(root, process.argv[2] ?? `backup/samverkansportalen-${new Date().toISOString().slice(0, 10)}.sql`);
runTool('wrangler', ['d1', 'export', 'DB', '--local', '--config', builtConfig, '--persist-to', stateDir, '--output', file]);
console.log(`Exporten finns i ${file}`);

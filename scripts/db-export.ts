// `npm run db:export [file] [state dir]`: a full SQL export (schema and data) of the local D1, for
// backup or moving; restore it into an empty database with `wrangler d1 execute --file`.
import { resolve } from 'node:path';
import { root, stateDir } from './lib/env';
import { exportLocalDb } from './lib/export';
import { stockholmDay } from '../functions/domain/time';

const file = resolve(root, process.argv[2] ?? `backup/samverkansportalen-${stockholmDay(new Date())}.sql`);
await exportLocalDb(file, process.argv[3] ? resolve(process.argv[3]) : stateDir);
console.log(`Exporten finns i ${file}`);

// Seeds the local D1 (the one `npm start` serves) through the same domain code the Worker uses.
import { coordinatorEmail, officerEmail, seedDemoAccounts } from '../functions/db/seed-accounts';
import { seedDatabase } from '../functions/db/seed';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { seedTemplate } from '../functions/db/seed-template';
import { seedDemoRegister } from '../functions/db/seed-demo';
import { contentTemplatesPath, parseContentTemplates } from '../functions/domain/content-templates';
import { root } from './lib/env';
import { withLocalDb } from './lib/local-db';

const templates = parseContentTemplates(
  JSON.parse(await readFile(resolve(root, `dist/client${contentTemplatesPath}`), 'utf8')),
);
await withLocalDb(async (db) => {
  await seedDatabase({ db });
  await seedDemoAccounts({ db });
  await seedTemplate({ db, templates });
  await seedDemoRegister({
    db,
    municipalCsv: await readFile(resolve(root, 'functions/db/seed-data/kommunala-skolor.csv'), 'utf8'),
  });
});
console.log(`Lokala databasen har stadsdelar, mallen för överenskommelsen, demokonton och ett demoregister med skolor.

Logga in lokalt: gå till /logga-in, skriv en av adresserna nedan och öppna länken på /dev/mail.
  Samordnare:   ${coordinatorEmail}
  Handläggare:  ${officerEmail('sodermalm')} (en per stadsdel, t.ex. ${officerEmail('jarva')})
  Skola:        registrera en på /registrera; rektors länk hamnar på /dev/mail.`);

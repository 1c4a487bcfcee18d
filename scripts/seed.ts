// Seeds the local D1 (the one `npm start` serves) through the same domain code the Worker uses.
import { getPlatformProxy } from 'wrangler';
import { openDb } from '../functions/db/client';
import { seedDatabase } from '../functions/db/seed';
import { builtConfig, stateDir } from './lib/env';

const proxy = await getPlatformProxy<Env>({
  configPath: builtConfig,
  persist: { path: `${stateDir}/v3` },
  remoteBindings: false,
});
try {
  await seedDatabase({ db: openDb(proxy.env.DB) });
  console.log('Lokala databasen har fått sina grunddata (stadsdelar).');
} finally {
  await proxy.dispose();
}

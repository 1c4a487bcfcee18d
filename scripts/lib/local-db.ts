import { getPlatformProxy } from 'wrangler';
import { openDb, type Db } from '../../functions/db/client';
import { useSecret } from '../../functions/domain/secrets';
import { builtConfig, stateDir } from './env';
import { localSecret } from './secret';

/** Runs `work` against the local D1 that `npm start` serves, or the one in `dir` (needs a build). */
export async function withLocalDb<T>(work: (db: Db) => Promise<T>, dir = stateDir): Promise<T> {
  useSecret(localSecret(dir));
  const proxy = await getPlatformProxy<Env>({ configPath: builtConfig, persist: { path: `${dir}/v3` }, remoteBindings: false });
  try {
    return await work(openDb(proxy.env.DB));
  } finally {
    await proxy.dispose();
  }
}

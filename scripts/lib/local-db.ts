import { getPlatformProxy } from 'wrangler';
import { openDb, type Db } from '../../functions/db/client';
import { useSecret } from '../../functions/domain/secrets';
import { builtConfig, stateDir } from './env';
import { localSecret } from './secret';

/**
 * Runs `work` against the local D1 (and the other local bindings, such as the audit anchor in KV)
 * that `npm start` serves, or the ones in `dir` (needs a build).
 */
export async function withLocalDb<T>(work: (db: Db, env: Env) => Promise<T>, dir = stateDir): Promise<T> {
  useSecret(localSecret(dir));
  const proxy = await getPlatformProxy<Env>({
    configPath: builtConfig,
    persist: { path: `${dir}/v3` },
    remoteBindings: false,
  });
  try {
    return await work(openDb(proxy.env.DB), proxy.env);
  } finally {
    await proxy.dispose();
  }
}

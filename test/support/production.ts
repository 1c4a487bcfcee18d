import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { testSecret } from './secret';

/**
 * A production configuration the Worker accepts as complete (MAIL comes from the config file).
 * The city's facts in functions/config/city.ts are not confirmed yet: the tests allow that
 * explicitly, as a staging copy would; test/integration/production.test.ts shows the refusal.
 */
export const productionVars = {
  APP_ENV: 'production',
  PUBLIC_ORIGIN: 'https://portal.test',
  PORTAL_SECRET: testSecret,
  ALLOW_UNCONFIRMED_CITY_FACTS: 'ja',
};

/**
 * The built config with or without the mail binding MAIL (whether or not wrangler.toml has it),
 * written beside the built one so its relative paths still resolve; `name` keeps test files apart.
 */
export function productionConfig(name: string, { mail }: { mail: boolean }) {
  const built = JSON.parse(readFileSync('dist/server/wrangler.json', 'utf8'));
  const path = `dist/server/wrangler.${name}.json`;
  writeFileSync(path, JSON.stringify({ ...built, send_email: mail ? [{ name: 'MAIL' }] : [] }));
  return { path, remove: () => rmSync(path, { force: true }) };
}

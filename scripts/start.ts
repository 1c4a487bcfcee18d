// `npm start`: build, migrate and seed the local D1, then serve the built Worker on PORT (8787),
// with a local stand-in for the city's identity provider on OIDC_PORT (8788) for staff sign-in and
// one for Skolverket's school-unit register on SKOLVERKET_PORT (8789), answering from test data.
import { randomBytes } from 'node:crypto';
import { builtConfig, quietEnv, stateDir } from './lib/env';
import { runTool, startTool, stopGroup } from './lib/run';
import { localSecret } from './lib/secret';

const port = process.env.PORT ?? '8787';
const oidcPort = process.env['OIDC_PORT'] ?? '8788';
const skolverketPort = process.env['SKOLVERKET_PORT'] ?? '8789';
const oidc = {
  OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  OIDC_CLIENT_ID: 'samverkansportalen-lokal',
  OIDC_CLIENT_SECRET: randomBytes(32).toString('hex'),
};

runTool('tsx', ['scripts/build.ts']);
runTool('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--config', builtConfig, '--persist-to', stateDir]);
runTool('tsx', ['scripts/seed.ts']);

const provider = startTool('tsx', ['scripts/oidc-provider.ts'], 'inherit', {
  ...quietEnv,
  ...oidc,
  OIDC_PORT: oidcPort,
  PORTAL_ORIGIN: `http://localhost:${port}`,
});
const register = startTool('tsx', ['scripts/skolverket-fixture.ts'], 'inherit', {
  ...quietEnv,
  SKOLVERKET_PORT: skolverketPort,
});
const server = startTool('wrangler', [
  'dev',
  '--config',
  builtConfig,
  '--persist-to',
  stateDir,
  '--ip',
  '127.0.0.1',
  '--port',
  port,
  '--var',
  'APP_ENV:development',
  '--var',
  `PUBLIC_ORIGIN:http://localhost:${port}`,
  '--var',
  `PORTAL_SECRET:${localSecret()}`,
  '--var',
  `SKOLVERKET_BASE_URL:http://127.0.0.1:${skolverketPort}`,
  ...Object.entries(oidc).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  '--show-interactive-dev-session=false',
  // Lets the cron be run by hand: /cdn-cgi/handler/scheduled?cron=… (see the README).
  '--test-scheduled',
]);

console.log(`\nSamverkansportalen startar på http://localhost:${port} (avsluta med Ctrl-C).\n`);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopGroup(server);
    stopGroup(provider);
    stopGroup(register);
    process.exit(0);
  });
}
server.on('exit', (code) => {
  stopGroup(provider);
  stopGroup(register);
  process.exit(code ?? 0);
});

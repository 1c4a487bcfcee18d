// `npm start`: build, migrate and seed the local D1, then serve the built Worker on PORT (8787).
import { builtConfig, stateDir } from './lib/env';
import { runTool, startTool, stopGroup } from './lib/run';
import { localSecret } from './lib/secret';

const port = process.env.PORT ?? '8787';

runTool('tsx', ['scripts/build.ts']);
runTool('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--config', builtConfig, '--persist-to', stateDir]);
runTool('tsx', ['scripts/seed.ts']);

const server = startTool('wrangler', [
  'dev',
  '--config', builtConfig,
  '--persist-to', stateDir,
  '--ip', '127.0.0.1',
  '--port', port,
  '--var', 'APP_ENV:development',
  '--var', `PUBLIC_ORIGIN:http://localhost:${port}`,
  '--var', `PORTAL_SECRET:${localSecret()}`,
  '--show-interactive-dev-session=false',
  // Lets the cron be run by hand: /cdn-cgi/handler/scheduled?cron=… (see the README).
  '--test-scheduled',
]);

console.log(`\nSamverkansportalen startar på http://localhost:${port} (avsluta med Ctrl-C).\n`);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopGroup(server);
    process.exit(0);
  });
}
server.on('exit', (code) => process.exit(code ?? 0));

// `npm run bench`: builds, measures the production bundle, serves the built Worker with its own
// seeded D1 on its own port, measures page weight, search, load, D1 rows read and Lighthouse,
// prints one table and writes bench/results.json. A benchmark, not a test: it marks each goal met
// or not, and never fails on one.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { signedInVisitors, Visitor } from './bench/client';
import { measureCost } from './bench/cost';
import { measureLighthouse } from './bench/lighthouse';
import { measureLoad } from './bench/load';
import { table, type Outcome, type Results } from './bench/report';
import { measureRowsRead } from './bench/rows-read';
import { measureRegisterSync } from './bench/register-sync';
import { measureSearch } from './bench/search';
import { addSchools, seedBase } from './bench/seed';
import { freshDatabase, outputDir, startServer, stopServer } from './bench/server';
import { withBenchUnits } from './bench/units';
import { measureWeight, pageTypes } from './bench/weight';
import { buildBundle } from './lib/bundle';
import { runTool, stopGroup } from './lib/run';
import { startSkolverketFixture } from './lib/skolverket-fixture';

const schools = { small: 1_000, large: 20_000 };
const began = performance.now();
const step = (what: string) => console.log(`\n[bench ${((performance.now() - began) / 1000).toFixed(0)} s] ${what}`);

/** One part that fails is reported as unmeasured; the others still run. */
async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return await work();
  } catch (error) {
    return { error: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'okänt fel' };
  }
}

step('Bygger');
runTool('tsx', ['scripts/build.ts']);
step('Workerns paket (wrangler deploy --dry-run)');
const bundle = await attempt(async () => buildBundle(resolve(outputDir, 'bundle')));
step(`Ny lokal D1 med ${schools.small} skolor`);
freshDatabase();
await seedBase();
await addSchools(0, schools.small);
step(`Synk av Skolverkets register med ${schools.small} skolenheter (fixtur)`);
const registerSmall = await attempt(() => measureRegisterSync(schools.small));

let server: ChildProcess | undefined;
// Ctrl-C must not leave wrangler and workerd running: stop the process group first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (server) stopGroup(server);
    process.exit(130);
  });
}

// The served Worker asks Skolverket's register only of the recorded fixture (with the bench's own
// schools, bench/units.ts), never the internet.
const register = await startSkolverketFixture({ units: withBenchUnits() });
let results: Results;
try {
  server = await startServer(`wrangler-${schools.small}.log`, register.url);
  const { officer, school } = await signedInVisitors();
  const visitorOf = (who?: 'school' | 'officer') =>
    who === 'school' ? school : who === 'officer' ? officer : undefined;

  step('Sidvikt');
  const weight = await attempt(async () => {
    const pages = [];
    for (const p of pageTypes) pages.push({ ...p, ...(await measureWeight(p.path, visitorOf(p.visitor))) });
    return pages;
  });
  step('Sökning (Chromium och server)');
  const search = await attempt(measureSearch);
  step('D1 per förfrågan (frågor, tur och retur, rader)');
  const cost = await attempt(() => measureCost({ officer, school }, () => new Visitor()));
  step(`D1-rader vid ${schools.small} skolor`);
  const small = await attempt(() => measureRowsRead(officer));
  step('Last (autocannon)');
  const load = await attempt(() => measureLoad({ officer }));
  step('Lighthouse');
  const lighthouse = await attempt(() =>
    measureLighthouse(pageTypes.map((p) => ({ ...p, cookie: visitorOf(p.visitor)?.cookieHeader }))),
  );

  step(`D1-rader vid ${schools.large} skolor`);
  await stopServer(server);
  await addSchools(schools.small, schools.large);
  step(`Synk av Skolverkets register med ${schools.large} skolenheter (fixtur)`);
  const registerLarge = await attempt(() => measureRegisterSync(schools.large));
  server = await startServer(`wrangler-${schools.large}.log`, register.url);
  const large = await attempt(() => measureRowsRead(officer));
  const rowsRead = await attempt(async () => {
    if ('error' in small) throw new Error(small.error);
    if ('error' in large) throw new Error(large.error);
    return small.map(({ name, rows, shown }, i) => ({
      name,
      small: rows,
      large: large[i]?.rows ?? null,
      shownSmall: shown,
      shownLarge: large[i]?.shown ?? null,
    }));
  });

  const machine = { cpus: availableParallelism(), node: process.version };
  results = {
    date: new Date().toISOString(),
    machine,
    schools,
    bundle,
    weight,
    search,
    load,
    cost,
    rowsRead,
    registerSync: [registerSmall, registerLarge],
    lighthouse,
  };
} finally {
  if (server) await stopServer(server);
  await register.close();
}

writeFileSync(resolve(outputDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
step(`Klart (${results.machine.cpus} kärnor, Node ${results.machine.node}); bench/results.json skriven.\n`);
console.log(table(results));

// `npm run deploy:prepare -- [--remote | --local [--persist-to dir]] [--coordinator email [--name name]] [--dry-run]`
// Prepares a D1 for the portal with no hand-made SQL: applies the pending migrations, adds the
// districts and the agreement template that are missing, and invites the first coordinator,
// through the same domain code the Worker runs. Only what is missing is written, so a second run
// changes nothing. A dry run prints the plan and the SQL it would run, and writes nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { unconfirmedCityFacts } from '../functions/config/city';
import { openDb } from '../functions/db/client';
import { districts, memberships } from '../functions/db/schema';
import { districtSeed } from '../functions/db/seed-districts';
import { seedDatabase } from '../functions/db/seed';
import { seedTemplate } from '../functions/db/seed-template';
import { contentTemplatesPath, parseContentTemplates } from '../functions/domain/content-templates';
import { inviteCoordinator, isCoordinatorEmail } from '../functions/domain/coordinators';
import { useSecret } from '../functions/domain/secrets';
import { getCurrentTemplate } from '../functions/domain/templates';
import { email as emailField } from '../functions/validation/fields';
import { CliD1, executeCommand, targetArgs, type Target } from './lib/d1-cli';
import { builtConfig, root, stateDir } from './lib/env';
import { runTool } from './lib/run';
import { localSecret } from './lib/secret';

const { values: options } = parseArgs({
  options: {
    remote: { type: 'boolean', default: false },
    local: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
    coordinator: { type: 'string' },
    name: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (options.remote && options.local) fail('Ange --local eller --remote, inte båda.');
if (!existsSync(builtConfig)) fail('dist/server/wrangler.json saknas: kör npm run build först.');
// The public portal must not show the city's facts marked "to be confirmed": the city confirms
// each one in functions/config/city.ts (confirmed: true) before the first remote run.
const unconfirmed = unconfirmedCityFacts();
if (options.remote && unconfirmed.length > 0) {
  fail(
    `Stadens uppgifter är inte bekräftade: ${unconfirmed.join(', ')}. Rätta dem och sätt confirmed: true i functions/config/city.ts innan portalen driftsätts.\n` +
      `The city's facts are not confirmed: ${unconfirmed.join(', ')}. Confirm them (confirmed: true) in functions/config/city.ts before deploying.`,
  );
}
const dryRun = options['dry-run'];
const target: Target = options.remote
  ? { remote: true }
  : { remote: false, persistTo: resolve(options['persist-to'] ?? stateDir) };
const built = JSON.parse(readFileSync(builtConfig, 'utf8')) as { vars?: Record<string, string> };

// The keys and the links must be the ones the Worker will use: remotely the Worker's own secret
// and public origin, locally the ones `npm start` serves with.
let origin: string;
if (target.remote) {
  const secret = process.env.PORTAL_SECRET ?? '';
  if (secret.length < 32)
    fail(
      'Ange samma PORTAL_SECRET som Workern har (minst 32 tecken) i miljön: PORTAL_SECRET=… npm run deploy:prepare -- --remote',
    );
  useSecret(secret);
  origin = built.vars?.PUBLIC_ORIGIN ?? '';
  if (!origin.startsWith('https://')) fail('PUBLIC_ORIGIN i wrangler.toml måste vara portalens https-adress.');
} else {
  useSecret(localSecret(target.persistTo));
  origin = process.env.PUBLIC_ORIGIN ?? `http://localhost:${process.env.PORT ?? '8787'}`;
}

const coordinator =
  options.coordinator === undefined
    ? null
    : z.object({ email: emailField('--coordinator') }).safeParse({ email: options.coordinator });
if (coordinator && !coordinator.success) fail(`--coordinator: ${coordinator.error.issues[0]?.message}`);

const d1 = new CliD1(target, dryRun);
const db = openDb(d1 as unknown as D1Database);
const now = new Date();
const where = target.remote ? 'den fjärranslutna databasen (--remote)' : `den lokala databasen i ${target.persistTo}`;
console.log(`${dryRun ? 'Provkörning, ingenting skrivs' : 'Förbereder'}: ${where}.`);

// Migrations: those in migrations/ that wrangler has not recorded as applied.
const files = readdirSync(resolve(root, 'migrations'))
  .filter((f) => f.endsWith('.sql'))
  .sort();
const applied = new Set(d1.read('select name from d1_migrations', true).map((r) => String(r.name)));
const pending = files.filter((f) => !applied.has(f));
const migrate = ['d1', 'migrations', 'apply', 'DB', ...targetArgs(target), '--config', builtConfig];
if (pending.length === 0) console.log('Migreringar: alla är redan körda.');
else {
  console.log(`Migreringar som inte är körda: ${pending.join(', ')}.`);
  if (dryRun)
    console.log(`  Skulle köras: npx wrangler ${migrate.join(' ').replace(builtConfig, 'dist/server/wrangler.json')}`);
  else runTool('wrangler', migrate);
}

/** Runs one step; a dry run prints the SQL it would run, exactly as the file would hold it. */
async function step(work: () => Promise<unknown>) {
  const before = d1.batches.length;
  await work();
  for (const batch of d1.batches.slice(before)) {
    if (!dryRun) console.log(`  Skrivet: ${batch.length} satser i en transaktion.`);
    else {
      console.log(`  Skulle köras i en transaktion, som en fil: ${executeCommand(target, '<fil>')}`);
      for (const statement of batch) console.log(`    ${statement};`);
    }
  }
}

// Districts: the seed's that are missing, and mergers not yet linked to their successor.
const present = new Map(
  (await db.select({ slug: districts.slug, successorId: districts.successorId }).from(districts)).map((d) => [
    d.slug,
    d.successorId,
  ]),
);
const missing = districtSeed.filter((d) => !present.has(d.slug));
const unlinked = districtSeed.filter((d) => d.successor && present.has(d.slug) && present.get(d.slug) === null);
if (missing.length === 0 && unlinked.length === 0) console.log('Stadsdelar: alla finns redan.');
else {
  if (missing.length > 0) console.log(`Stadsdelar som saknas: ${missing.map((d) => d.name).join(', ')}.`);
  if (unlinked.length > 0) console.log(`Stadsdelar utan sin efterträdare: ${unlinked.map((d) => d.name).join(', ')}.`);
  await step(() => seedDatabase({ db }));
}

// The agreement template: the newest in the content collection, if the database has none yet.
// A newer version on a running portal is the coordinator's to publish (/admin/mallar): it asks
// schools to re-sign.
const templates = parseContentTemplates(
  JSON.parse(readFileSync(resolve(root, `dist/client${contentTemplatesPath}`), 'utf8')),
);
const newest = Math.max(...templates.map((t) => t.version));
const current = await getCurrentTemplate({ db });
if (current) {
  console.log(`Mallen för överenskommelsen: version ${current.version} finns redan.`);
  if (newest > current.version)
    console.log(`  Innehållet har version ${newest}: samordnaren publicerar den på /admin/mallar.`);
} else {
  console.log(`Mallen för överenskommelsen saknas: version ${newest} publiceras.`);
  await step(() => seedTemplate({ db, templates, now }));
}

// The first coordinator: invited with a sign-in link through the outbox.
if (coordinator) {
  const address = coordinator.data.email;
  if (await isCoordinatorEmail(db, address)) console.log(`Samordnare: ${address} är redan samordnare.`);
  else {
    console.log(`Samordnare som saknas: ${address} bjuds in (brev med inloggningslänk till ${origin}).`);
    await step(() => inviteCoordinator({ db, input: { email: address, name: options.name ?? null }, origin, now }));
  }
} else {
  const [any] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(eq(memberships.role, 'coordinator'))
    .limit(1);
  console.log(
    any
      ? 'Samordnare: det finns redan en.'
      : 'Samordnare: det finns ingen. Bjud in den första med --coordinator <e-postadress>.',
  );
}

const writes = d1.batches.length + (pending.length > 0 ? 1 : 0);
if (dryRun) {
  console.log(
    writes === 0
      ? 'Ingenting att göra.'
      : 'Provkörning: ingenting har skrivits. Tider, slumptal och hashar blir nya vid den riktiga körningen.',
  );
} else {
  console.log(writes === 0 ? 'Ingenting att göra: databasen var redan förberedd.' : 'Klart.');
}

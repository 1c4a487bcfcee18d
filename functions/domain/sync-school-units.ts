import { desc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chunk, type Db } from '../db/client';
import { registerSyncs, schoolUnits } from '../db/schema';
import {
  fetchMunicipalityUnits,
  stockholmMunicipalityCode,
  type RegisterConfig,
  type SchoolUnit,
} from '../register/skolverket';
import { commitWithAudit } from './audit';
import { sha256Hex } from './crypto';

// The nightly sync of Skolverket's school units in Stockholm into D1 (the daily cron). One read
// of what D1 holds, then only what changed is written: new units inserted, changed units updated
// on the hash they were read with, units that closed or left the register marked closed, never
// deleted. The writes go in batches of a thousand units or so, the last one with the run's record
// and its audit event; when Skolverket does not answer, nothing changes but the record of the failure.

/** Units per statement: they travel as one JSON parameter (D1 binds at most 100 values). */
const unitsPerStatement = 100;
/** Statements per batch: a first sync of a whole register is too large for one request to D1. */
const statementsPerBatch = 10;

export type SyncOutcome = {
  outcome: 'ok' | 'unavailable';
  unitsSeen: number;
  added: number;
  changed: number;
  closed: number;
};

/** The hash of everything the register says about a unit, in a fixed order. */
const contentHashOf = (u: SchoolUnit) =>
  sha256Hex(
    JSON.stringify([
      u.code,
      u.name,
      u.organizerName,
      u.organizerType,
      u.orgNumber,
      u.municipalityCode,
      u.status,
      u.forms,
      u.streetAddress,
      u.postcode,
      u.postalTown,
      u.email,
    ]),
  );

// json_each over one bound JSON array: a chunk of units is one statement, whatever its size.
const field = (name: string) => sql.raw(`json_extract(j.value, '$.${name}')`);
const fromJson = (rows: unknown[]) => sql`json_each(${JSON.stringify(rows)}) as j`;

function insertNew(db: Db, rows: (SchoolUnit & { hash: string })[], at: string) {
  // The columns in the table's order; `where true` lets SQLite read the upsert clause after a select.
  return db
    .insert(schoolUnits)
    .select(
      sql`select ${field('code')}, ${field('name')}, ${field('organizerName')}, ${field('organizerType')}, ${field('orgNumber')}, ${field('municipalityCode')}, ${field('status')}, ${field('forms')},
        ${field('streetAddress')}, ${field('postcode')}, ${field('postalTown')}, ${field('email')}, ${field('hash')}, ${at}, ${at}, case when ${field('status')} = 'closed' then ${at} end
        from ${fromJson(rows)} where true`,
    )
    .onConflictDoNothing();
}

/** Changed units, each only if its row still has the hash and status it was read with. */
function updateChanged(
  db: Db,
  rows: (SchoolUnit & { hash: string; expectedHash: string; expectedStatus: string })[],
  at: string,
) {
  const n = (column: string) => sql.raw(`n.${column}`);
  return db
    .update(schoolUnits)
    .set({
      name: n('name'),
      organizerName: n('organizer_name'),
      organizerType: n('organizer_type'),
      orgNumber: n('org_number'),
      municipalityCode: n('municipality_code'),
      status: n('status'),
      forms: n('forms'),
      streetAddress: n('street_address'),
      postcode: n('postcode'),
      postalTown: n('postal_town'),
      email: n('email'),
      contentHash: n('hash'),
      syncedAt: at,
      closedAt: sql`case when n.status = 'active' then null else coalesce(${schoolUnits.closedAt}, ${at}) end`,
    })
    .from(
      sql`(select ${field('code')} as code, ${field('name')} as name, ${field('organizerName')} as organizer_name, ${field('organizerType')} as organizer_type, ${field('orgNumber')} as org_number,
        ${field('municipalityCode')} as municipality_code, ${field('status')} as status, ${field('forms')} as forms, ${field('streetAddress')} as street_address, ${field('postcode')} as postcode,
        ${field('postalTown')} as postal_town, ${field('email')} as email, ${field('hash')} as hash, ${field('expectedHash')} as expected_hash, ${field('expectedStatus')} as expected_status
        from ${fromJson(rows)}) as n`,
    )
    .where(
      sql`${schoolUnits.code} = n.code and ${schoolUnits.contentHash} = n.expected_hash and ${schoolUnits.status} = n.expected_status`,
    );
}

/** Units no longer listed: closed now, if they were still active. */
function closeGone(db: Db, codes: string[], at: string) {
  return db
    .update(schoolUnits)
    .set({ status: 'closed', closedAt: at, syncedAt: at })
    .where(sql`${schoolUnits.status} = 'active' and ${schoolUnits.code} in (select j.value from ${fromJson(codes)})`);
}

export async function syncSchoolUnits({
  db,
  config,
  now,
  municipalityCode = stockholmMunicipalityCode,
}: {
  db: Db;
  config: RegisterConfig;
  now: Date;
  municipalityCode?: string;
}): Promise<SyncOutcome> {
  const at = now.toISOString();
  const listed = await fetchMunicipalityUnits(config, municipalityCode);
  if (!listed) {
    const outcome: SyncOutcome = { outcome: 'unavailable', unitsSeen: 0, added: 0, changed: 0, closed: 0 };
    await record(db, now, municipalityCode, outcome, []);
    return outcome;
  }
  const held = new Map(
    (
      await db
        .select({ code: schoolUnits.code, hash: schoolUnits.contentHash, status: schoolUnits.status })
        .from(schoolUnits)
        .where(eq(schoolUnits.municipalityCode, municipalityCode))
    ).map((r) => [r.code, r]),
  );
  const fresh = await Promise.all(listed.map(async (u) => ({ ...u, hash: await contentHashOf(u) })));
  const added = fresh.filter((u) => !held.has(u.code));
  const changed = fresh.flatMap((u) => {
    const before = held.get(u.code);
    return before && (before.hash !== u.hash || before.status !== u.status)
      ? [{ ...u, expectedHash: before.hash, expectedStatus: before.status }]
      : [];
  });
  const seen = new Set(fresh.map((u) => u.code));
  const gone = [...held.values()].filter((r) => r.status === 'active' && !seen.has(r.code)).map((r) => r.code);
  const closed = gone.length + changed.filter((u) => u.status === 'closed' && u.expectedStatus === 'active').length;
  const outcome: SyncOutcome = {
    outcome: 'ok',
    unitsSeen: fresh.length,
    added: added.length,
    changed: changed.length,
    closed,
  };
  const batches = chunk(
    [
      ...chunk(added, unitsPerStatement).map((part) => insertNew(db, part, at)),
      ...chunk(changed, unitsPerStatement).map((part) => updateChanged(db, part, at)),
      ...chunk(gone, unitsPerStatement).map((part) => closeGone(db, part, at)),
    ],
    statementsPerBatch,
  );
  // Every write is conditional and can be repeated: a run cut short between batches leaves rows
  // that the next run finds as they are and completes. The last batch carries the run's record.
  const last = batches.pop() ?? [];
  for (const [first, ...rest] of batches) if (first) await db.batch([first, ...rest]);
  await record(db, now, municipalityCode, outcome, last);
  return outcome;
}

async function record(
  db: Db,
  now: Date,
  municipalityCode: string,
  outcome: SyncOutcome,
  writes: BatchItem<'sqlite'>[],
) {
  await commitWithAudit(db, {
    now,
    statements: [
      ...writes,
      db.insert(registerSyncs).values({ ranAt: now.toISOString(), municipalityCode, ...outcome }),
    ],
    events: [
      {
        action: `register.sync.${outcome.outcome}`,
        subjectType: 'system',
        subjectId: municipalityCode,
        data: { ...outcome },
      },
    ],
  });
}

/** The last sync and the last one that worked, as queries a caller may read in its own batch. */
export const registerSyncQueries = (db: Db) =>
  [
    db.select().from(registerSyncs).orderBy(desc(registerSyncs.id)).limit(1),
    db.select().from(registerSyncs).where(eq(registerSyncs.outcome, 'ok')).orderBy(desc(registerSyncs.id)).limit(1),
  ] as const;

type RegisterSyncRow = typeof registerSyncs.$inferSelect;
export const registerSyncOf = ([latest]: RegisterSyncRow[], [lastOk]: RegisterSyncRow[]) =>
  latest ? { latest, lastOk: lastOk ?? null } : null;

export async function lastRegisterSync({ db }: { db: Db }) {
  const [latest, lastOk] = await db.batch(registerSyncQueries(db));
  return registerSyncOf(latest, lastOk);
}

import { eq, sql } from 'drizzle-orm';
import { openDb } from '../../functions/db/client';
import { schoolUnits } from '../../functions/db/schema';
import { computeIndicator } from '../../functions/domain/indicator';
import { syncSchoolUnits, type SyncOutcome } from '../../functions/domain/sync-school-units';
import { withLocalDb } from '../lib/local-db';
import { startSkolverketFixture, type RecordedUnit } from '../lib/skolverket-fixture';
import { benchState } from './server';

// The nightly sync of Skolverket's register at the benchmark's register size: a fixture of made-up
// units in the API's format, with the bench schools' codes (so the indicator can match them), a
// third municipal as in seed.ts. Synced twice: the first run writes every unit, the second finds
// nothing changed and must write none. Then the indicator is computed, so /statistik/ shows it.

export type SyncRun = { ms: number; rowsRead: number; rowsWritten: number; unitsWritten: number; outcome: SyncOutcome };
export type RegisterSyncResult = { units: number; first: SyncRun; unchanged: SyncRun };

/** A made-up unit numbered i, as GET /v2/school-units/{code} answers (TEST DATA). */
export function generatedUnit(i: number): RecordedUnit {
  const code = String(90_000_000 + i);
  const municipal = i % 3 === 0;
  return {
    $comment: 'TESTDATA (npm run bench)',
    meta: { extractDate: '2026-11-29T00:05:12.41+01:00', created: '2015-08-17', modified: '2026-08-20' },
    data: {
      type: 'schoolunit',
      schoolUnitCode: code,
      attributes: {
        displayName: `Bänkskolan ${i}`,
        status: i % 50 === 49 ? 'VILANDE' : 'AKTIV',
        email: `kansli.${i}@bankskola.example`,
        addresses: [
          {
            type: 'BESOKSADRESS',
            streetAddress: `Skolgatan ${(i % 120) + 1}`,
            postalCode: '116 46',
            locality: 'Stockholm',
          },
        ],
        municipalityCode: '0180',
        schoolTypes: i % 5 === 0 ? ['FKLASS', 'GR', 'GRAN'] : ['FKLASS', 'GR', 'FTH'],
      },
    },
    included: {
      type: 'organization',
      organizationNumber: municipal ? '2120000142' : '5566778899',
      attributes: {
        displayName: municipal ? 'Stockholms kommun' : `Huvudman ${i % 400} AB`,
        organizerType: municipal ? 'KOMMUN' : 'ENSKILD',
      },
    },
  };
}

/** D1 with the rows every statement read and wrote added up (D1's own meta). */
function metered(d1: D1Database, m: { read: number; written: number }): D1Database {
  const unwrapped = new WeakMap<object, D1PreparedStatement>();
  const add = <R extends D1Response>(r: R) => {
    m.read += r.meta.rows_read ?? 0;
    m.written += r.meta.rows_written ?? 0;
    return r;
  };
  const wrap = (s: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        if (key === 'run' || key === 'all') return async () => add(await target[key]());
        // drizzle reads through raw(), which has no meta: all() once more for it (reads only here).
        if (key === 'raw')
          return async (o?: { columnNames?: boolean }) => (
            add(await target.all()),
            o?.columnNames ? target.raw({ columnNames: true }) : target.raw()
          );
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    unwrapped.set(proxy, s);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare') return (query: string) => wrap(target.prepare(query));
      if (key === 'batch')
        return async (statements: D1PreparedStatement[]) =>
          (await target.batch(statements.map((s) => unwrapped.get(s) ?? s))).map(add);
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function measureRegisterSync(units: number, now = new Date()): Promise<RegisterSyncResult> {
  const fixture = await startSkolverketFixture({ units: Array.from({ length: units }, (_, i) => generatedUnit(i)) });
  try {
    return await withLocalDb(async (_db, env) => {
      // Generous: 20,000 detail requests to the local fixture queue up behind each other.
      const config = { baseUrl: fixture.url, timeoutMs: 30_000 };
      const run = async (at: Date): Promise<SyncRun> => {
        const m = { read: 0, written: 0 };
        const started = performance.now();
        const outcome = await syncSchoolUnits({ db: openDb(metered(env.DB, m)), config, now: at });
        const ms = Math.round(performance.now() - started);
        const [written] = await openDb(env.DB)
          .select({ n: sql<number>`count(*)` })
          .from(schoolUnits)
          .where(eq(schoolUnits.syncedAt, at.toISOString()));
        return { ms, rowsRead: m.read, rowsWritten: m.written, unitsWritten: written?.n ?? 0, outcome };
      };
      const first = await run(now);
      const unchanged = await run(new Date(now.getTime() + 1000));
      await computeIndicator({ db: openDb(env.DB), now });
      return { units, first, unchanged };
    }, benchState);
  } finally {
    await fixture.close();
  }
}

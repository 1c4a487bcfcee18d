import { AsyncLocalStorage } from 'node:async_hooks';

// A development aid for `npm run bench`: what D1 cost one request. D1 reports rows_read in each
// result's meta; this sums it over the request that asked for it (see worker.ts), and counts the
// queries and the sequential round trips: in production each is a network trip from the Worker to
// the database. A query that starts while another is still in flight (Promise.all) shares its
// trip; a batch is one trip whatever it holds. Every other request, and all of production, gets
// the D1 binding untouched.

export const rowsReadHeader = 'X-D1-Rows-Read';
export const queriesHeader = 'X-D1-Queries';
export const roundTripsHeader = 'X-D1-Round-Trips';

type Tally = { rowsRead: number; queries: number; roundTrips: number; inFlight: number };
const tallies = new AsyncLocalStorage<Tally>();
const unwrapped = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
const isRead = (query: string) => /^\s*(select|with)\b/i.test(query);

/** Runs `handle` with a tally and answers with what D1 cost it in the `X-D1-…` headers. */
export function tallyRowsRead(handle: () => Promise<Response>): Promise<Response> {
  const tally: Tally = { rowsRead: 0, queries: 0, roundTrips: 0, inFlight: 0 };
  return tallies.run(tally, async () => {
    const response = await handle();
    // Astro streams a page and may still be querying: wait for the whole body before counting.
    const body = response.body === null ? null : await response.arrayBuffer();
    const counted = new Response(body, response);
    counted.headers.set(rowsReadHeader, String(tally.rowsRead));
    counted.headers.set(queriesHeader, String(tally.queries));
    counted.headers.set(roundTripsHeader, String(tally.roundTrips));
    return counted;
  });
}

/** One trip to D1 holding `queries` statements: a new round trip unless another is in flight. */
async function trip<R>(tally: Tally, queries: number, call: () => Promise<R>): Promise<R> {
  if (tally.inFlight === 0) tally.roundTrips += 1;
  tally.queries += queries;
  tally.inFlight += 1;
  try {
    return await call();
  } finally {
    tally.inFlight -= 1;
  }
}

/** The binding itself outside a tallied request; inside one, a binding that adds up its cost. */
export function countRowsRead<D extends D1Database | D1DatabaseSession>(d1: D): D {
  const tally = tallies.getStore();
  if (!tally) return d1;
  return new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare') return (query: string) => countStatement(target.prepare(query), query, tally);
      if (key === 'batch') {
        return (statements: D1PreparedStatement[]) =>
          trip(tally, statements.length, async () => {
            const results = await target.batch(statements.map((s) => unwrapped.get(s) ?? s));
            for (const r of results) tally.rowsRead += r.meta.rows_read ?? 0;
            return results;
          });
      }
      return bound(target, key);
    },
  });
}

function countStatement(statement: D1PreparedStatement, query: string, tally: Tally): D1PreparedStatement {
  const add = <R extends D1Response>(result: R) => {
    tally.rowsRead += result.meta.rows_read ?? 0;
    return result;
  };
  const counted = new Proxy(statement, {
    get(target, key) {
      if (key === 'bind') return (...values: unknown[]) => countStatement(target.bind(...values), query, tally);
      if (key === 'run') return () => trip(tally, 1, async () => add(await target.run()));
      if (key === 'all') return () => trip(tally, 1, async () => add(await target.all()));
      if (key === 'first') {
        return (column?: string) =>
          trip(tally, 1, async () => {
            add(await target.all());
            return column === undefined ? target.first() : target.first(column);
          });
      }
      if (key === 'raw') {
        // raw() (drizzle's select path) drops the meta. A read is asked once more with all(), for the
        // meta only (counted as one query): all() keys rows by column name and a join may repeat a
        // name. A write (RETURNING) is answered from all() alone, never run twice; it names one
        // table's columns, all distinct.
        return (options?: { columnNames?: boolean }) =>
          trip(tally, 1, async () => {
            if (isRead(query)) {
              add(await target.all());
              return options?.columnNames ? target.raw({ columnNames: true }) : target.raw();
            }
            const { results } = add(await target.all<Record<string, unknown>>());
            const rows = results.map((row) => Object.values(row));
            return options?.columnNames ? [Object.keys(results[0] ?? {}), ...rows] : rows;
          });
      }
      return bound(target, key);
    },
  });
  unwrapped.set(counted, statement);
  return counted;
}

/** A member of the real binding, methods bound to it (its internals do not expect a Proxy). */
function bound(target: object, key: string | symbol): unknown {
  const value: unknown = Reflect.get(target, key);
  return typeof value === 'function' ? value.bind(target) : value;
}

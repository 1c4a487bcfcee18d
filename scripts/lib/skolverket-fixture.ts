import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { root } from './env';

// A local stand-in for Skolverket's Skolenhetsregistret API v2, answering from recorded TEST DATA
// (fixtures/skolverket/, see its README) in the API's response format. `npm start` and the tests'
// portal point SKOLVERKET_BASE_URL at it, so nothing reaches the internet. It can be made slow or
// down, to try the portal's degraded mode: setMode() in-process, or
// POST /__fixture/mode?set=slow|down|normal over HTTP.

/** A recorded answer to GET /v2/school-units/{schoolUnitCode} (SchoolUnitInfoResponse). */
export type RecordedUnit = {
  data: {
    type: string;
    schoolUnitCode: string;
    attributes: { displayName: string; status: string; municipalityCode: string } & Record<string, unknown>;
  };
} & Record<string, unknown>;

export type FixtureMode = 'normal' | 'slow' | 'down';

export const fixtureDir = resolve(root, 'fixtures/skolverket/v2/school-units');

export function recordedUnits(dir = fixtureDir): RecordedUnit[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as RecordedUnit);
}

const problem = (status: number, title: string, detail: string) => ({
  type: 'about:blank',
  title,
  status: String(status),
  detail,
});

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startSkolverketFixture({
  port = 0,
  units = recordedUnits(),
  slowMs = 10_000,
}: { port?: number; units?: RecordedUnit[]; slowMs?: number } = {}) {
  let mode: FixtureMode = 'normal';
  const byCode = new Map(units.map((u) => [u.data.schoolUnitCode, u]));
  const counts = { list: 0, unit: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    if (req.method === 'POST' && url.pathname === '/__fixture/mode') {
      const next = url.searchParams.get('set');
      if (next !== 'normal' && next !== 'slow' && next !== 'down')
        return send(res, 400, problem(400, 'Bad Request', 'set=normal|slow|down'));
      mode = next;
      return send(res, 200, { mode });
    }
    if (req.method !== 'GET') return send(res, 405, problem(405, 'Method Not Allowed', 'Endast GET'));
    counts[url.pathname === '/v2/school-units' ? 'list' : 'unit']++;
    const answer = () => {
      if (mode === 'down') return send(res, 503, problem(503, 'Service Unavailable', 'Tjänsten är inte tillgänglig'));
      if (url.pathname === '/v2/school-units') {
        const municipalities = url.searchParams.getAll('municipality_code');
        const statuses = url.searchParams.getAll('status');
        const attributes = units
          .filter(
            (u) =>
              (!municipalities.length || municipalities.includes(u.data.attributes.municipalityCode)) &&
              (!statuses.length || statuses.includes(u.data.attributes.status)),
          )
          .map((u) => ({
            schoolUnitCode: u.data.schoolUnitCode,
            name: u.data.attributes.displayName,
            status: u.data.attributes.status,
          }));
        return send(res, 200, {
          meta: { extractDate: new Date().toISOString() },
          data: { type: 'schoolunit', attributes },
        });
      }
      const match = /^\/v2\/school-units\/([^/]+)$/.exec(url.pathname);
      if (match) {
        const code = decodeURIComponent(match[1]!);
        if (!/^\d{8}$/.test(code))
          return send(res, 400, problem(400, 'Bad Request', 'Skolenhetskod ska vara 8 siffror'));
        const unit = byCode.get(code);
        return unit ? send(res, 200, unit) : send(res, 404, problem(404, 'Not Found', 'Angiven resurs hittades inte'));
      }
      return send(res, 404, problem(404, 'Not Found', 'Angiven resurs hittades inte'));
    };
    if (mode === 'slow') {
      const timer = setTimeout(answer, slowMs);
      res.on('close', () => clearTimeout(timer));
    } else answer();
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    /** Requests received so far, per kind (a retry is a request of its own). */
    counts,
    setMode(next: FixtureMode) {
      mode = next;
    },
    /** From now on the register gives this unit another status, as when a unit closes (UPPHORT). */
    setStatus(code: string, status: string) {
      const unit = byCode.get(code);
      if (!unit) throw new Error(`The fixture has no unit ${code}`);
      unit.data.attributes.status = status;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export type SkolverketFixture = Awaited<ReturnType<typeof startSkolverketFixture>>;

import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordedUnits } from '../../scripts/lib/skolverket-fixture';

// Tests register hundreds of schools (load.test.ts alone 200), more than the recorded fixture's
// dozen active independent units. So codes 30000000–30999999 are reserved for tests: a lookup of
// one is answered as one of the recorded active independent units in Stockholm, renamed "Testenhet
// <code>". The answer goes through the fixture, so a fixture made slow or down is slow or down for
// these codes too. They are never listed, so the sync and the outreach list see only the recording.

const reserved = /^\/v2\/school-units\/(30\d{6})$/;
let next = Math.floor(Math.random() * 1_000_000);

/** A code from the reserved range, different from every earlier one in this test process. */
export const testUnitCode = () => String(30_000_000 + (next++ % 1_000_000));

/** The recorded unit that reserved codes answer as: active, independent, in Stockholm, with an address to mail. */
function templateCode(): string {
  const unit = recordedUnits().find((u) => {
    const a = u.data.attributes as { status: string; municipalityCode: string; email?: string | null };
    const organizer = (u as { included?: { attributes?: { organizerType?: string } } }).included?.attributes
      ?.organizerType;
    return a.status === 'AKTIV' && a.municipalityCode === '0180' && organizer === 'ENSKILD' && a.email;
  });
  if (!unit)
    throw new Error('The Skolverket fixture has no active independent unit in Stockholm with an e-mail address');
  return unit.data.schoolUnitCode;
}

/** Sits in front of the fixture at `fixtureUrl`; point SKOLVERKET_BASE_URL at the returned url. */
export async function startTestUnitRange(fixtureUrl: string) {
  const template = templateCode();
  const target = new URL(fixtureUrl);
  const server = createServer((req, res) => {
    const code = reserved.exec(req.url ?? '')?.[1];
    const path = code ? `/v2/school-units/${template}` : (req.url ?? '/');
    const forward = request(
      { host: target.hostname, port: target.port, path, method: req.method, headers: req.headers },
      (answer) => {
        if (!code || answer.statusCode !== 200) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          body.data.schoolUnitCode = code;
          body.data.attributes.displayName = `Testenhet ${code}`;
          body.data.attributes.email = `testenhet.${code}@skola.example`;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
    res.on('close', () => forward.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

import autocannon from 'autocannon';
import { fillInRegistration, formBody, registrationAnswers, Visitor } from './client';
import { origin } from './server';
import { benchCodes } from './units';

// Throughput and latency against the local workerd, loopback only, each target for a short fixed
// time after a one-second warm-up. Dynamic targets are read as a ratio to the static asset measured
// in the same run, so the machine's speed cancels out. Pages kept at the edge report their hit
// rate (the X-Edge-Cache header, warm-up included).

export type LoadResult = {
  name: string;
  path: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
  hitRate: number | null;
};

const connections = 10;
const seconds = 5;

export async function measureLoad({ officer }: { officer: Visitor }): Promise<LoadResult[]> {
  // Step 2 of registration checks the answers, keeps them in a cookie beside the code looked up in
  // step 1 and redirects (303) to "check your answers": it writes nothing to D1 and asks nothing of
  // Skolverket, so it can be repeated. (Step 1 counts each lookup against a limit per client.)
  const applicant = new Visitor();
  await fillInRegistration(applicant, benchCodes.load);
  const registrationPost = {
    method: 'POST' as const,
    headers: { cookie: applicant.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({ ...registrationAnswers(benchCodes.load), csrf: await applicant.csrf() }),
  };
  const targets = [
    { name: 'Static asset', path: '/favicon.svg' },
    { name: 'Prerendered page', path: '/riktlinjer/' },
    { name: 'District page (D1)', path: '/stadsdelar/sodermalm/' },
    { name: 'Statistics (D1)', path: '/statistik/' },
    { name: 'District page, signed in', path: '/stadsdelar/sodermalm/', headers: { cookie: officer.cookieHeader } },
    { name: 'Registration step 2 POST', path: '/registrera/uppgifter', ...registrationPost },
    { name: 'District inbox (signed in)', path: '/stadsdel/inkorg', headers: { cookie: officer.cookieHeader } },
  ];
  const results: LoadResult[] = [];
  for (const { name, path, ...request } of targets) {
    const edge = { HIT: 0, MISS: 0 };
    const onResponse = (_status: number, _body: string, _context: unknown, headers: Record<string, string>) => {
      // autocannon keeps the header names as sent.
      const seen = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-edge-cache')?.[1];
      if (seen === 'HIT' || seen === 'MISS') edge[seen] += 1;
    };
    const r = await autocannon({
      url: `${origin}${path}`,
      connections,
      duration: seconds,
      warmup: { connections, duration: 1 },
      requests: [{ ...request, onResponse }],
    });
    const answered = edge.HIT + edge.MISS;
    results.push({
      name,
      path,
      reqPerSec: r.requests.average,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      ok: r['2xx'] + r['3xx'],
      failed: r.non2xx - r['3xx'] + r.errors + r.timeouts,
      hitRate: answered ? edge.HIT / answered : null,
    });
  }
  return results;
}

export const loadSettings = { connections, seconds };

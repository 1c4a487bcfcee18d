import autocannon from 'autocannon';
import type { Visitor } from './client';
import { formBody, registration } from './client';
import { origin } from './server';

// Throughput and latency against the local workerd, loopback only, each target for a short fixed
// time after a one-second warm-up. Dynamic targets are read as a ratio to the static asset measured
// in the same run, so the machine's speed cancels out.

export type LoadResult = { name: string; path: string; reqPerSec: number; p50Ms: number; p99Ms: number; ok: number; failed: number };

const connections = 10;
const seconds = 5;

export async function measureLoad({ officer }: { officer: Visitor }): Promise<LoadResult[]> {
  // Step 1 of registration renders "check your answers" and writes nothing, so it can be repeated.
  const csrf = await officer.csrf();
  const registrationPost = {
    method: 'POST' as const,
    headers: { cookie: officer.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({ ...registration('23456789'), csrf }),
  };
  const targets = [
    { name: 'Static asset', path: '/favicon.svg' },
    { name: 'Prerendered page', path: '/riktlinjer/' },
    { name: 'District page (D1)', path: '/stadsdelar/sodermalm/' },
    { name: 'Registration POST', path: '/api/registrering', ...registrationPost },
    { name: 'District inbox (signed in)', path: '/stadsdel/inkorg', headers: { cookie: officer.cookieHeader } },
  ];
  const results: LoadResult[] = [];
  for (const { name, path, ...request } of targets) {
    const r = await autocannon({ url: `${origin}${path}`, connections, duration: seconds, warmup: { connections, duration: 1 }, ...request });
    results.push({ name, path, reqPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, ok: r['2xx'], failed: r.non2xx + r.errors + r.timeouts });
  }
  return results;
}

export const loadSettings = { connections, seconds };

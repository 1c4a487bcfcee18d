import type { Visitor } from './client';
import { origin } from './server';

// D1 rows read per request, from the X-D1-Rows-Read header the Worker adds in development when
// asked (functions/db/rows-read.ts). Measured once per register size; null when the page is missing.

export type RowsTarget = { name: string; path: string; signedIn?: boolean };

export const rowsTargets: RowsTarget[] = [
  { name: 'District page', path: '/stadsdelar/sodermalm/' },
  { name: 'District inbox', path: '/stadsdel/inkorg', signedIn: true },
  { name: 'Statistics', path: '/statistik/' },
  { name: 'Open-data export', path: '/api/oppna-data/skolor.json' },
];

export async function measureRowsRead(officer: Visitor): Promise<{ name: string; rows: number | null }[]> {
  const measured = [];
  for (const { name, path, signedIn } of rowsTargets) {
    const res = await fetch(`${origin}${path}`, { redirect: 'manual', headers: { 'x-d1-rows-read': '1', cookie: signedIn ? officer.cookieHeader : '' } });
    await res.arrayBuffer();
    if (res.status !== 200 && res.status !== 404) throw new Error(`${path}: status ${res.status}`);
    measured.push({ name, rows: res.status === 404 ? null : Number(res.headers.get('x-d1-rows-read')) });
  }
  return measured;
}

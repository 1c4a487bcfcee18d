import type { Visitor } from './client';
import { origin } from './server';

// D1 rows read per request, from the X-D1-Rows-Read header the Worker adds in development when
// asked (functions/db/rows-read.ts). Measured once per register size; null when the page is missing.
// A paged list also reports the rows it shows (table rows in its <tbody>), since its rows read grow
// until its page is full: what must stay flat is the rows read per row shown.

export type RowsTarget = { name: string; path: string; signedIn?: boolean; list?: boolean };
export type RowsMeasured = { name: string; rows: number | null; shown: number | null };

export const rowsTargets: RowsTarget[] = [
  { name: 'District page', path: '/stadsdelar/sodermalm/' },
  { name: 'District inbox', path: '/stadsdel/inkorg', signedIn: true, list: true },
  { name: 'District desk', path: '/stadsdel/', signedIn: true, list: true },
  { name: 'Statistics', path: '/statistik/' },
  { name: 'Open-data export', path: '/api/oppna-data/skolor.json' },
];

const tableRows = (html: string) =>
  [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].reduce((n, m) => n + (m[1]?.match(/<tr\b/g)?.length ?? 0), 0);

export async function measureRowsRead(officer: Visitor): Promise<RowsMeasured[]> {
  const measured = [];
  for (const { name, path, signedIn, list } of rowsTargets) {
    const res = await fetch(`${origin}${path}`, {
      redirect: 'manual',
      headers: { 'x-d1-rows-read': '1', cookie: signedIn ? officer.cookieHeader : '' },
    });
    const html = await res.text();
    if (res.status !== 200 && res.status !== 404) throw new Error(`${path}: status ${res.status}`);
    const found = res.status === 200;
    measured.push({
      name,
      rows: found ? Number(res.headers.get('x-d1-rows-read')) : null,
      shown: found && list ? tableRows(html) : null,
    });
  }
  return measured;
}

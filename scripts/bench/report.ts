import { workerSizeLimits, type BundleSize } from '../lib/bundle';
import { pageGoal, postGoal, type Cost } from './cost';
import type { Scores } from './lighthouse';
import type { LoadResult } from './load';
import type { RegisterSyncResult, SyncRun } from './register-sync';
import type { SearchResult } from './search';
import type { PageType, PageWeight } from './weight';

// The one table `npm run bench` prints (Markdown, so the README can carry it as it is).

export type Failed = { error: string };
export type Outcome<T> = T | Failed;
export type Results = {
  date: string;
  machine: { cpus: number; node: string };
  schools: { small: number; large: number };
  bundle: Outcome<BundleSize>;
  weight: Outcome<(PageType & PageWeight)[]>;
  search: Outcome<SearchResult>;
  load: Outcome<LoadResult[]>;
  cost: Outcome<Cost[]>;
  rowsRead: Outcome<
    { name: string; small: number | null; large: number | null; shownSmall: number | null; shownLarge: number | null }[]
  >;
  registerSync: Outcome<RegisterSyncResult>[];
  lighthouse: Outcome<Record<string, Scores>>;
};

const failed = <T>(o: Outcome<T>): o is Failed => typeof o === 'object' && o !== null && 'error' in o;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const maxHtmlCss = 30 * 1024;
const maxFirstQuery = 150 * 1024;
const minRatio = 0.5;
/** "Flat": the large register may cost at most this much more than the small one. */
const maxGrowth = 1.1;

export function table(r: Results): string {
  const rows: string[][] = [];
  const unmeasured = (area: string, o: Failed) => rows.push([area, '—', `kunde inte mätas: ${o.error}`, '', '']);

  if (failed(r.bundle)) unmeasured('Worker size (gzip)', r.bundle);
  else {
    const { gzipBytes, bytes, modules } = r.bundle;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    const result = `${kb(gzipBytes)} (${kb(bytes)} uncompressed, ${modules} modules)`;
    rows.push([
      'Worker size (gzip)',
      '`wrangler deploy --dry-run` bundle',
      result,
      `≤ ${mb(workerSizeLimits.free)} (Free), ${mb(workerSizeLimits.paid)} (Paid)`,
      mark(gzipBytes <= workerSizeLimits.free),
    ]);
  }

  if (failed(r.weight)) unmeasured('Page weight (gzip)', r.weight);
  else for (const p of r.weight) rows.push(['Page weight (gzip)', `${p.name} \`${p.path}\``, ...weightCells(p)]);

  if (failed(r.search)) unmeasured('Search', r.search);
  else {
    const { first, second } = r.search;
    rows.push([
      'Search',
      `Pagefind, first query (${first.query})`,
      `${kb(first.bytes)} in ${first.requests} requests`,
      '≤ 150 KB',
      mark(first.bytes <= maxFirstQuery),
    ]);
    rows.push([
      'Search',
      `Pagefind, second query (${second.query})`,
      `${kb(second.bytes)} in ${second.requests} requests`,
      '',
      '',
    ]);
    rows.push([
      'Search',
      'Server-side `/sok?q=`',
      `median ${r.search.serverMedianMs.toFixed(1)} ms (${r.search.serverRuns} runs)`,
      '',
      '',
    ]);
  }

  if (failed(r.load)) unmeasured('Load', r.load);
  else {
    const base = r.load[0]?.reqPerSec ?? 0;
    for (const l of r.load) {
      const ratio = base ? l.reqPerSec / base : 0;
      const gated = l.name === 'District page (D1)' || l.name === 'District inbox (signed in)';
      const hits = l.hitRate === null ? '' : ` · edge hits ${(l.hitRate * 100).toFixed(1)} %`;
      const result = `${Math.round(l.reqPerSec)} req/s · p50 ${l.p50Ms} ms · p99 ${l.p99Ms} ms · ×${ratio.toFixed(2)}${hits}${l.failed ? ` · ${l.failed} failed` : ''}`;
      rows.push([
        'Load',
        `${l.name} \`${l.path}\``,
        result,
        l === r.load[0] ? 'reference' : gated ? '≥ 0.5 × static' : '',
        gated ? mark(ratio >= minRatio && !l.failed) : '',
      ]);
    }
  }

  if (failed(r.cost)) unmeasured('D1 per request', r.cost);
  else {
    for (const c of r.cost) {
      const goal = c.method === 'POST' ? postGoal : pageGoal;
      const result = `${c.roundTrips} round trips · ${c.queries} queries · ${c.rowsRead} rows (status ${c.status})`;
      rows.push([
        'D1 per request',
        `${c.name} ${c.method} \`${c.path}\``,
        result,
        `≤ ${goal} round trips`,
        mark(c.roundTrips <= goal),
      ]);
    }
  }

  if (failed(r.rowsRead)) unmeasured('D1 rows read', r.rowsRead);
  else {
    const sizes = `${r.schools.small.toLocaleString('en')} → ${r.schools.large.toLocaleString('en')} schools`;
    for (const x of r.rowsRead) {
      if (x.small === null || x.large === null) rows.push(['D1 rows read', x.name, 'saknas', 'flat', '']);
      else {
        const growth = x.small ? x.large / x.small : x.large ? Infinity : 1;
        rows.push([
          'D1 rows read',
          x.name,
          `${x.small} → ${x.large} (${sizes}, ×${growth.toFixed(2)})`,
          'flat',
          x.shownSmall === null ? mark(growth <= maxGrowth) : '',
        ]);
        if (x.shownSmall !== null && x.shownLarge !== null) {
          // A paged list grows until its page is full: per row shown (plus one for the page itself) is what must stay flat.
          const perRow = (rowsRead: number, shown: number) => rowsRead / (shown + 1);
          const [a, b] = [perRow(x.small, x.shownSmall), perRow(x.large, x.shownLarge)];
          rows.push([
            'D1 rows read',
            `${x.name}, per row shown`,
            `${a.toFixed(2)} → ${b.toFixed(2)} (${x.shownSmall} → ${x.shownLarge} rows shown, ×${(b / a).toFixed(2)})`,
            'flat',
            mark(b / a <= maxGrowth),
          ]);
        }
      }
    }
  }

  for (const sync of r.registerSync) {
    if (failed(sync)) unmeasured('Register sync', sync);
    else {
      const cells = (run: SyncRun) =>
        `${run.ms} ms · ${run.rowsRead} rows read · ${run.unitsWritten} units written (D1 rows written ${run.rowsWritten}, with indexes, the run's record and audit event)`;
      const units = sync.units.toLocaleString('en');
      rows.push([
        'Register sync',
        `Skolverket fixture, ${units} units, first sync at this size`,
        cells(sync.first),
        '',
        '',
      ]);
      rows.push([
        'Register sync',
        `Skolverket fixture, ${units} units, nothing changed`,
        cells(sync.unchanged),
        '0 units written',
        mark(sync.unchanged.unitsWritten === 0),
      ]);
    }
  }

  if (failed(r.lighthouse)) unmeasured('Lighthouse', r.lighthouse);
  else {
    for (const [name, s] of Object.entries(r.lighthouse)) {
      if ('missing' in s) rows.push(['Lighthouse', name, 'saknas', '100 each', '']);
      else if ('error' in s) rows.push(['Lighthouse', name, `kunde inte mätas: ${s.error}`, '100 each', '']);
      else {
        const v = Object.values(s.scores);
        const cell = v.map((n) => n ?? '–').join(' / ');
        rows.push([
          'Lighthouse',
          name,
          `${cell} (perf / a11y / best pr. / SEO, best of 2)`,
          '100 each',
          mark(v.every((n) => n === 100)),
        ]);
      }
    }
  }

  const header = ['Area', 'What', 'Result', 'Goal', 'Met'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function weightCells(p: PageType & PageWeight): string[] {
  if (p.status === 404) return ['saknas', '', ''];
  if (p.status !== 200) return [`status ${p.status}`, '', ''];
  const htmlCss = p.html + p.css;
  const goal = p.content ? 'no JS; HTML+CSS ≤ 30 KB' : 'HTML+CSS ≤ 30 KB';
  const ok = htmlCss <= maxHtmlCss && (!p.content || p.js === 0);
  return [`HTML ${kb(p.html)} + CSS ${kb(p.css)} = ${kb(htmlCss)}; JS ${kb(p.js)}`, goal, mark(ok)];
}

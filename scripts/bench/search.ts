import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Response } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../lib/chromium';
import { origin } from './server';

// Search with JavaScript: what Pagefind downloads for a first and a second query on /sok, in
// Debian's Chromium. Without it: how long the Worker's own search takes to answer /sok?q=.

export type QueryCost = { query: string; requests: number; bytes: number };
export type SearchResult = { first: QueryCost; second: QueryCost; serverMedianMs: number; serverRuns: number };

export const queries = ['anmälan', 'sekretess'] as const;
const serverRuns = 25;

export async function measureSearch(): Promise<SearchResult> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    const seen: Response[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/pagefind/')) seen.push(r);
    });
    await page.goto(`${origin}/sok`);
    const first = await typeQuery(page, queries[0], seen);
    const second = await typeQuery(page, queries[1], seen);
    return { first, second, serverMedianMs: await serverSearchMs(queries[0]), serverRuns };
  } finally {
    await browser.close();
  }
}

/** Types a query, waits for its results, and adds up the Pagefind responses it caused. */
async function typeQuery(page: Page, query: string, seen: Response[]): Promise<QueryCost> {
  const before = seen.length;
  await page.fill('#q', query);
  await page.waitForFunction((q) => document.querySelector('[data-search-status]')?.textContent?.includes(q), query, {
    timeout: 15_000,
  });
  await page.waitForTimeout(300); // Let any request still in flight for this query land.
  const responses = seen.slice(before);
  let bytes = 0;
  for (const r of responses) bytes += await transferred(r);
  return { query, requests: responses.length, bytes };
}

/**
 * Bytes as a browser on Cloudflare would receive them: the encoded size, as the local server
 * compresses too. Chromium reports no size for a worker's own script, so that one is gzipped
 * from its bytes (unless that does not help: Pagefind's index files are compressed already).
 * Headers are left out: they depend on the host.
 */
async function transferred(r: Response): Promise<number> {
  const { responseBodySize } = await r.request().sizes();
  if (responseBodySize > 0 && r.headers()['content-encoding']) return responseBodySize;
  const body = await r.body().catch(async () => Buffer.from(await (await fetch(r.url())).arrayBuffer()));
  return Math.min(body.length, gzipSync(body).length);
}

async function serverSearchMs(query: string): Promise<number> {
  const url = `${origin}/sok?q=${encodeURIComponent(query)}`;
  const times: number[] = [];
  for (let i = 0; i < serverRuns + 3; i += 1) {
    const start = performance.now();
    await (await fetch(url)).arrayBuffer();
    if (i >= 3) times.push(performance.now() - start); // The first few warm the Worker up.
  }
  return median(times);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

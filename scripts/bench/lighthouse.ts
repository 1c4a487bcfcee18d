import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../lib/chromium';
import { origin } from './server';

// Lighthouse's four scores (0–100) per page type, in Debian's Chromium with the same no-network
// flags as the browser tests; Lighthouse's default mobile profile with simulated throttling.
// Each page runs twice and keeps its best score per category: on two busy cores a stray stall
// only ever lowers a score, and once in a while did so by 20 points. A page Lighthouse cannot
// measure gets the reason instead of scores: this never fails the run.

export const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof categories)[number];
export type Scores = { scores: Record<Category, number | null> } | { missing: true } | { error: string };
export type LighthousePage = { name: string; path: string; cookie?: string | undefined };

const runs = 2;

export async function measureLighthouse(pages: LighthousePage[]): Promise<Record<string, Scores>> {
  const out: Record<string, Scores> = {};
  for (const page of pages) out[page.name] = await inFreshChromium(page);
  return out;
}

/**
 * A Chromium of its own for each page, its cookie jar holding the visitor's cookies. (Sent as
 * Lighthouse's extra Cookie header instead, the session was dropped as soon as the page set a
 * cookie of its own, and the signed-in pages were measured as the sign-in page.)
 */
async function inFreshChromium(page: LighthousePage): Promise<Scores> {
  let chrome: chromeLauncher.LaunchedChrome;
  try {
    chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: chromiumArgs, logLevel: 'silent' });
  } catch (error) {
    return { error: `Chromium startade inte: ${reason(error)}` };
  }
  try {
    if (page.cookie) await putCookies(chrome.port, page.cookie);
    return await bestOf(chrome.port, page);
  } finally {
    chrome.kill();
  }
}

/** Puts "name=value; …" into the jar of the Chromium on that debugging port, for the portal's origin. */
async function putCookies(port: number, header: string) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const cookies = header.split('; ').map((pair) => {
      const [name = '', ...value] = pair.split('=');
      // Host-only on the origin's host (the __Host- prefix allows no Domain); Secure, as the portal
      // sets them (Chromium treats 127.0.0.1 as a secure origin).
      const { hostname } = new URL(origin);
      return { name, value: value.join('='), domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' as const };
    });
    await browser.contexts()[0]?.addCookies(cookies);
  } finally {
    // Connected over CDP, close() only disconnects: the Chromium and its jar stay for Lighthouse.
    await browser.close();
  }
}

async function bestOf(port: number, page: LighthousePage): Promise<Scores> {
  // Lighthouse's own message for a 404 is long; say "missing", and make sure a signed-in page
  // really is served to the cookie rather than redirected to sign-in.
  const probe = await fetch(`${origin}${page.path}`, { redirect: 'manual', headers: { cookie: page.cookie ?? '' } });
  await probe.arrayBuffer();
  if (probe.status === 404) return { missing: true };
  if (probe.status !== 200) return { error: `status ${probe.status}` };
  // A run that fails (Chromium's trace now and then misses the navigation start: NO_NAVSTART) is
  // not a score; the page gets an error only when every run failed.
  let best: Scores | undefined;
  let failure: Scores | undefined;
  for (let i = 0; i < runs; i += 1) {
    const run = await audit(port, page);
    if (!('scores' in run)) failure ??= run;
    else best = best && 'scores' in best ? { scores: higher(best.scores, run.scores) } : run;
  }
  return best ?? failure ?? { error: 'ingen körning' };
}

const higher = (a: Record<Category, number | null>, b: Record<Category, number | null>) =>
  Object.fromEntries(
    categories.map((c) => [c, a[c] === null && b[c] === null ? null : Math.max(a[c] ?? 0, b[c] ?? 0)]),
  ) as Record<Category, number | null>;

async function audit(port: number, { path, cookie }: LighthousePage): Promise<Scores> {
  try {
    // A signed-in page keeps the jar Lighthouse would otherwise clear before it loads the page.
    const flags = {
      port,
      output: 'json' as const,
      logLevel: 'error' as const,
      onlyCategories: [...categories],
      disableStorageReset: Boolean(cookie),
    };
    const result = await lighthouse(`${origin}${path}`, flags);
    if (!result) return { error: 'Lighthouse gav inget resultat' };
    const { lhr } = result;
    if (lhr.runtimeError) return { error: lhr.runtimeError.message };
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(path, origin).pathname)
      return { error: `omdirigerad till ${lhr.finalDisplayedUrl}` };
    const score = (c: Category) => {
      const value = lhr.categories[c]?.score;
      return typeof value === 'number' ? Math.round(value * 100) : null;
    };
    return {
      scores: {
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
      },
    };
  } catch (error) {
    return { error: reason(error) };
  }
}

const reason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'okänt fel';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
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
 * A Chromium of its own for each page: Lighthouse sends the session as an extra Cookie header,
 * and Chromium drops that header once its own cookie jar holds a cookie for the site (the
 * __Host-csrf cookie any earlier on-demand page sets), which signed the pages out.
 */
async function inFreshChromium(page: LighthousePage): Promise<Scores> {
  let chrome: chromeLauncher.LaunchedChrome;
  try {
    chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: chromiumArgs, logLevel: 'silent' });
  } catch (error) {
    return { error: `Chromium startade inte: ${reason(error)}` };
  }
  try {
    return await bestOf(chrome.port, page);
  } finally {
    chrome.kill();
  }
}

async function bestOf(port: number, page: LighthousePage): Promise<Scores> {
  // Lighthouse's own message for a 404 is long; say "missing", and make sure a signed-in page
  // really is served to the cookie rather than redirected to sign-in.
  const probe = await fetch(`${origin}${page.path}`, { redirect: 'manual', headers: { cookie: page.cookie ?? '' } });
  await probe.arrayBuffer();
  if (probe.status === 404) return { missing: true };
  if (probe.status !== 200) return { error: `status ${probe.status}` };
  let best: Scores | undefined;
  for (let i = 0; i < runs; i += 1) {
    const run = await audit(port, page);
    if (!('scores' in run)) return run;
    best = best && 'scores' in best ? { scores: higher(best.scores, run.scores) } : run;
  }
  return best ?? { error: 'ingen körning' };
}

const higher = (a: Record<Category, number | null>, b: Record<Category, number | null>) =>
  Object.fromEntries(
    categories.map((c) => [c, a[c] === null && b[c] === null ? null : Math.max(a[c] ?? 0, b[c] ?? 0)]),
  ) as Record<Category, number | null>;

async function audit(port: number, { path, cookie }: LighthousePage): Promise<Scores> {
  try {
    const flags = { port, output: 'json' as const, logLevel: 'error' as const, onlyCategories: [...categories] };
    const result = await lighthouse(
      `${origin}${path}`,
      cookie ? { ...flags, extraHeaders: { Cookie: cookie } } : flags,
    );
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

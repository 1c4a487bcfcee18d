import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserFixture } from '../support/browser';

const fx = browserFixture();

/** Everything the fx.browser refused or complained about while the page was open. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

describe('under the Content-Security-Policy', () => {
  it('instant search still loads Pagefind, its worker and WebAssembly, with nothing blocked', async () => {
    const page = await fx.browser.newPage();
    const problems = watch(page);
    await page.goto(fx.url('/sok'));
    expect(await page.locator('script[src^="/_astro/"]').count()).toBe(1);
    await page.locator('#q').pressSequentially('sekretess', { delay: 20 });
    const results = page.locator('[data-search-list] a');
    await expect
      .poll(() => results.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      .toContain('/stodmaterial/sekretess/');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows pages and sends forms without a single violation', async () => {
    const page = await fx.browser.newPage();
    const problems = watch(page);
    for (const path of ['/', '/riktlinjer/', '/stadsdelar/', '/registrera', '/finns-inte'])
      await page.goto(fx.url(path));
    await page.goto(fx.url('/logga-in'));
    await page.getByLabel('E-postadress').fill('okand@skola.example');
    await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click();
    await page.waitForURL(/\/logga-in\/skickat/);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    await page.close();
  });

  it('refuses to be shown in a frame, even on its own pages', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/riktlinjer/'));
    // Without frame-ancestors 'none' a page of the same origin would load here without question.
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.appendChild(frame);
    }, fx.url('/stodmaterial/'));
    await expect.poll(() => page.frames().map((f) => f.url())).toContain('chrome-error://chromewebdata/');
    await page.close();
  });
});

import { describe, expect, it } from 'vitest';
import { axeViolations, browserFixture } from '../support/browser';

const fx = browserFixture({ withoutJavaScript: true });

const pageTypes = [
  ['start', '/'],
  ['riktlinjer', '/riktlinjer/'],
  ['riktlinje', '/riktlinjer/samverkansomraden/'],
  ['stödmaterial', '/stodmaterial/'],
  ['stödsida', '/stodmaterial/sekretess/'],
  ['överenskommelse', '/overenskommelse/'],
  ['historik', '/historik/'],
  ['sök utan träffar', '/sok'],
  ['sök med träffar', '/sok?q=orosanm%C3%A4lan&samling=stodmaterial'],
  ['sök med fel', `/sok?q=${'x'.repeat(250)}`],
  ['stadsdelar', '/stadsdelar/'],
  ['stadsdel', '/stadsdelar/jarva/'],
  ['nedlagd stadsdel', '/stadsdelar/spanga-tensta/'],
  ['tillgänglighet', '/tillganglighet'],
  ['personuppgifter', '/personuppgifter'],
  ['404', '/finns-inte'],
] as const;

describe('every page type', () => {
  it.each(pageTypes)('%s (%s) passes axe WCAG 2.1 A/AA with zero violations', async (_name, path) => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url(path));
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('content pages ship no JavaScript', async () => {
    const page = await fx.browser.newPage();
    for (const [, path] of pageTypes.filter(([name]) => !name.startsWith('sök'))) {
      await page.goto(fx.url(path));
      expect(await page.locator('script').count(), path).toBe(0);
    }
    await page.close();
  });

  it('starts with a skip link that moves focus to the content', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/stodmaterial/sekretess/'));
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('innehall');
    await page.close();
  });
});

describe('search with JavaScript', () => {
  it('shows Pagefind results while typing, including parts of compounds', async () => {
    const page = await fx.browser.newPage();
    const pagefindRequests: string[] = [];
    page.on('request', (r) => r.url().includes('/pagefind/') && pagefindRequests.push(r.url()));
    await page.goto(fx.url('/sok'));
    await page.locator('#q').pressSequentially('anmälan', { delay: 20 });
    const results = page.locator('[data-search-list] a');
    await expect
      .poll(() => results.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      .toContain('/stodmaterial/aterkoppling-orosanmalan/');
    expect(pagefindRequests.length).toBeGreaterThan(0);
    expect(page.url()).toContain('q=anm%C3%A4lan');

    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('överenskommelse', { delay: 20 });
    await expect
      .poll(() => results.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      .toContain('/overenskommelse/');
    await page.close();
  });

  it('narrows instant results with the filters', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/sok'));
    await page.getByText('Avgränsa sökningen').click();
    await page.getByLabel('Historik').check();
    await page.locator('#q').pressSequentially('motion', { delay: 20 });
    const results = page.locator('[data-search-list] a');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.every((h) => h.startsWith('/historik/'))).toBe(true);
    await page.close();
  });
});

describe('search without JavaScript', () => {
  it('answers the plain GET form from the server', async () => {
    const page = await fx.noJs.newPage();
    await page.goto(fx.url('/stodmaterial/'));
    await page.getByLabel('Sök i portalen').fill('anmälan');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL(/\/sok\?q=/);
    expect(await page.locator('.result-list a[href="/stodmaterial/aterkoppling-orosanmalan/"]').count()).toBe(1);
    await page.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserFixture } from '../support/browser';

const fx = browserFixture();

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

describe('a worried teacher finds the way', () => {
  it('goes from the start page through the steps to a support page', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/'));
    await page.getByRole('link', { name: 'Orolig för ett barn?', exact: true }).click();
    await expect.poll(() => heading(page, 'Orolig för ett barn?').count()).toBe(1);
    for (const step of [
      'Prata med rektor och elevhälsan',
      'Rådgör med socialtjänsten utan att säga vem barnet är',
      'Gör en orosanmälan till rätt socialtjänst',
      'Skriv det du vet, inte det du tror',
      'Det här händer sedan',
      'Samarbetet fortsätter',
    ]) {
      await expect
        .poll(() => page.getByRole('heading', { level: 2, name: step }).isVisible(), { message: step })
        .toBe(true);
    }
    await page.getByRole('link', { name: 'Återkoppling efter orosanmälan' }).click();
    await expect.poll(() => heading(page, 'Återkoppling efter orosanmälan').count()).toBe(1);
    await page.close();
  });

  it('reaches the registration form from the start page', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/'));
    await page.getByRole('link', { name: 'Registrera en fristående skola' }).click();
    await expect.poll(() => heading(page, 'Registrera en fristående skola').count()).toBe(1);
    expect(await page.getByLabel('Skolenhetskod').isVisible()).toBe(true);
    await page.close();
  });

  it('finds a role’s pages and next step from the start page', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/'));
    await page.getByRole('link', { name: 'För lärare och elevhälsa' }).click();
    await expect.poll(() => heading(page, 'För lärare och elevhälsa').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Sekretess och samtycke' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Orolig för ett barn? Så gör du' }).first().click();
    await expect.poll(() => heading(page, 'Orolig för ett barn?').count()).toBe(1);

    await page.goto(fx.url('/for/rektor/'));
    expect(
      await page
        .getByRole('region', { name: 'Nästa steg' })
        .getByRole('link', { name: 'Registrera en fristående skola' })
        .count(),
    ).toBe(1);
    await page.close();
  });

  it('reads the guidelines in order, with previous and next', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/riktlinjer/syfte/'));
    const sections = page.getByRole('navigation', { name: 'Riktlinjernas avsnitt' });
    expect(await sections.getByRole('link', { name: /^Föregående/ }).count()).toBe(0);
    await sections.getByRole('link', { name: /^Nästa: / }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/syfte/'));
    await page
      .getByRole('navigation', { name: 'Riktlinjernas avsnitt' })
      .getByRole('link', { name: /^Föregående: / })
      .click();
    await page.waitForURL(/\/riktlinjer\/syfte\/$/);

    await page.goto(fx.url('/riktlinjer/samverkansomraden/'));
    await page.getByRole('link', { name: 'hedersrelaterade frågor' }).click();
    await expect.poll(() => heading(page, 'Hedersrelaterat våld och förtryck').count()).toBe(1);
    await page.close();
  });
});

const newPages = [
  '/',
  '/orolig-for-ett-barn/',
  '/for/rektor/',
  '/for/larare-och-elevhalsa/',
  '/for/socialtjanst/',
  '/for/stadsdelsforvaltning/',
  '/riktlinjer/syfte/',
];

describe('the new pages', () => {
  it.each(newPages)('%s passes axe at 1280 and 375 px and fits a phone', async (path) => {
    const page = await fx.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(fx.url(path));
    expect(await axeViolations(page), `${path} at 1280 px`).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
    expect(await axeViolations(page), `${path} at 375 px`).toEqual([]);
    await page.close();
  });
});

const withNotice = [
  '/',
  '/orolig-for-ett-barn/',
  '/for/rektor/',
  '/riktlinjer/syfte/',
  '/stodmaterial/sekretess/',
  '/overenskommelse/',
  '/stadsdelar/',
  '/stadsdelar/jarva/',
  '/registrera',
  '/sok',
  '/finns-inte',
];

describe('the notice that the portal takes no reports', () => {
  it.each(withNotice)('appears exactly once on %s', async (path) => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url(path));
    expect(await page.getByRole('complementary', { name: 'Orosanmälan' }).count()).toBe(1);
    expect(await page.getByText('Portalen tar inte emot orosanmälningar', { exact: true }).count()).toBe(1);
    await page.close();
  });

  it('links to the worried teacher’s page from every other page', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/stodmaterial/sekretess/'));
    await page
      .getByRole('complementary', { name: 'Orosanmälan' })
      .getByRole('link', { name: 'Orolig för ett barn? Så gör du' })
      .click();
    await expect.poll(() => heading(page, 'Orolig för ett barn?').count()).toBe(1);
    await page.close();
  });
});

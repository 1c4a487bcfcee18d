import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cityFacts } from '../../functions/config/city';
import { schools } from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { axeViolations, browserFixture, clickAndLoad, signInAs } from '../support/browser';

const fx = browserFixture();

// Guidance you can trust, read on a phone and on a wide screen: every page type passes axe at 1280
// and 375 px and never scrolls sideways; tables never cut a column off; chart text stays readable;
// long compounds in headings break with a hyphen; the city's unconfirmed facts say so; source dates
// are as precise as the sources.

// A school with a long name and a long functional address, whose agreement waits in Södermalm's inbox.
const longName = 'Samverkansöverenskommelsernas Internationella Gymnasieskola Södermalm';
const longAddress = `expeditionen.for.den.internationella.gymnasieskolan.${'a'.repeat(40)}@skola.example`;
let principal: string;
beforeAll(async () => {
  const school = await schoolWithDraft(fx.portal, { name: longName, contactEmail: longAddress, district: 'sodermalm' });
  await signAsSchool(school.visitor, school.agreementId);
  principal = school.form.principalEmail as string;
  // Registered, as far as the coordinator's list knows, while Skolverket did not answer.
  await fx.portal.db.update(schools).set({ registerCheck: 'unverified' }).where(eq(schools.id, school.school.id));
  // The statistics need the nightly indicator.
  await fx.portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date() });
}, 120_000);

const wide = { width: 1280, height: 900 };
const phone = { width: 375, height: 800 };

/** Whether the page scrolls sideways: the document is wider than the window. */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** axe at 1280 and at 375 px, and no sideways scrolling on the phone. */
async function checkBothWidths(page: Page, what: string) {
  await page.setViewportSize(wide);
  expect(await axeViolations(page), `${what} at 1280 px`).toEqual([]);
  await page.setViewportSize(phone);
  expect(await sideways(page), `${what} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  expect(await axeViolations(page), `${what} at 375 px`).toEqual([]);
}

// Public page types the other browser tests check at one width only, or not at all.
const publicPages = [
  '/riktlinjer/',
  '/riktlinjer/samverkansomraden/',
  '/stodmaterial/',
  '/stodmaterial/sekretess/',
  '/overenskommelse/',
  '/historik/',
  '/ordlista/',
  '/om/motion-2016-28/',
  '/stadsdelar/',
  '/stadsdelar/jarva/',
  '/statistik/',
  '/oppna-data/',
  '/sok?q=anm%C3%A4lan',
  '/tillganglighet',
  '/personuppgifter',
  '/registrera',
  '/logga-in',
  '/for/socialtjanst/',
  '/finns-inte',
];

describe('every page type at 1280 and 375 px', () => {
  it.each(publicPages)('%s passes axe and fits a phone', async (path) => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url(path));
    await checkBothWidths(page, path);
    await page.close();
  });

  it('the signed-in pages of the school, the district officer and the coordinator', async () => {
    const page = await fx.browser.newPage();
    await signInAs(page, fx.portal.url, principal);
    for (const path of ['/skola/']) {
      await page.goto(fx.url(path));
      await checkBothWidths(page, path);
    }
    await page.setViewportSize(wide);
    await clickAndLoad(page.getByRole('button', { name: 'Logga ut' }));
    await signInAs(page, fx.portal.url, officerEmail('sodermalm'));
    for (const path of ['/stadsdel/', '/stadsdel/inkorg', '/stadsdel/kontakt']) {
      await page.goto(fx.url(path));
      await checkBothWidths(page, path);
    }
    await page.setViewportSize(wide);
    await clickAndLoad(page.getByRole('button', { name: 'Logga ut' }));
    await signInAs(page, fx.portal.url, coordinatorEmail);
    for (const path of ['/admin/', '/admin/overenskommelser', '/admin/skolenheter']) {
      await page.goto(fx.url(path));
      await checkBothWidths(page, path);
    }
    // The flagged registration, checked against the register again from its row.
    await page.setViewportSize(wide);
    await clickAndLoad(page.getByRole('button', { name: `Kontrollera igen ${longName}` }));
    expect(await page.getByRole('status').textContent()).toContain('stämmer med Skolverkets register');
    expect(await page.getByRole('button', { name: `Kontrollera igen ${longName}` }).count()).toBe(0);
    await page.close();
  }, 180_000);
});

type TableFit = { caption: string; hidden: number; region: boolean; focusable: boolean; labelledByCaption: boolean };

/** For each table: how many pixels of it are out of sight, and whether it sits in a labelled, focusable scroll region. */
const tables = (page: Page): Promise<TableFit[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('table')].map((table) => {
      const region = table.closest<HTMLElement>('[role="region"]');
      const caption = table.querySelector('caption');
      const box = region ?? table.parentElement!;
      return {
        caption: caption?.textContent ?? '',
        hidden: box.scrollWidth - box.clientWidth,
        region: region !== null && getComputedStyle(region).overflowX === 'auto',
        focusable: region?.tabIndex === 0,
        labelledByCaption: region !== null && caption !== null && region.getAttribute('aria-labelledby') === caption.id,
      };
    }),
  );

describe('tables never cut a column off', () => {
  it('/statistik/ shows every column at 1280 px, and scrolls a table only inside its labelled region on a phone', async () => {
    const page = await fx.browser.newPage();
    await page.setViewportSize(wide);
    await page.goto(fx.url('/statistik/'));
    const atWide = await tables(page);
    expect(atWide.length).toBeGreaterThan(0);
    for (const t of atWide) expect(t.hidden, `${t.caption} at 1280 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize(phone);
    for (const t of await tables(page)) {
      expect(t, `${t.caption} at 375 px`).toMatchObject({ region: true, focusable: true, labelledByCaption: true });
    }
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('the district inbox shows every column at 375 px, the long school name wrapped', async () => {
    const page = await fx.browser.newPage();
    await signInAs(page, fx.portal.url, officerEmail('sodermalm'));
    await page.setViewportSize(phone);
    await page.goto(fx.url('/stadsdel/inkorg'));
    const inbox = await tables(page);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ hidden: 0, region: true, focusable: true, labelledByCaption: true });
    for (const header of ['Skola', 'Typ', 'Underskriven', 'Har väntat']) {
      const box = await page.getByRole('columnheader', { name: header }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= phone.width, header).toBe(true);
    }
    expect(await page.getByRole('link', { name: longName }).count()).toBe(1);
    await page.close();
  });

  it('the school’s page wraps its long functional address instead of scrolling sideways', async () => {
    const page = await fx.browser.newPage();
    await signInAs(page, fx.portal.url, principal);
    await page.setViewportSize(phone);
    await page.goto(fx.url('/skola/'));
    expect(await page.getByText(longAddress).count()).toBeGreaterThan(0);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.close();
  });
});

describe('charts on a phone', () => {
  it('draw their text at 11 px or more at 375 px', async () => {
    const page = await fx.browser.newPage();
    await page.setViewportSize(phone);
    await page.goto(fx.url('/statistik/'));
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll<SVGSVGElement>('.chart svg')].flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map((t) => ({
          text: t.textContent,
          px: parseFloat(getComputedStyle(t).fontSize) * scale,
        }));
      }),
    );
    expect(sizes.length).toBeGreaterThan(10);
    expect(sizes.filter((s) => s.px < 11)).toEqual([]);
    await page.close();
  });
});

/**
 * Every place a heading's word is split across two lines, and the character before the split.
 * Each character's box is measured: a new line starts where a character sits lower than the one before.
 */
const splitWords = (page: Page) =>
  page.evaluate(() => {
    const splits: { heading: string; before: string }[] = [];
    for (const heading of document.querySelectorAll('h1, h2, h3, .glossary dt')) {
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let previous: { top: number; char: string } | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i += 1) {
          const char = text[i] as string;
          if (/\s/.test(char)) {
            previous = null;
            continue;
          }
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          // A character right after a taken soft hyphen also reports the hyphen's box: its own is the last.
          const rects = range.getClientRects();
          const rect = rects[rects.length - 1];
          if (!rect) continue;
          if (previous && rect.top > previous.top + 2)
            splits.push({ heading: heading.textContent ?? '', before: previous.char });
          previous = { top: rect.top, char };
        }
      }
    }
    return splits;
  });

describe('long compounds in headings', () => {
  const pages = [
    '/',
    '/overenskommelse/',
    '/ordlista/',
    '/tillganglighet',
    '/om/motion-2016-28/',
    '/stodmaterial/sekretess/',
  ];

  it.each(pages)('%s breaks a heading’s compound only at a hyphen, at 375 and 320 px', async (path) => {
    const page = await fx.browser.newPage();
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(fx.url(path));
      const bare = (await splitWords(page)).filter((s) => s.before !== '\u00AD' && s.before !== '-');
      expect(bare, `${path} at ${width} px`).toEqual([]);
      expect(
        await page.evaluate(() =>
          [...document.querySelectorAll('h1, h2, h3')].every((h) => getComputedStyle(h).hyphens === 'auto'),
        ),
      ).toBe(true);
    }
    await page.close();
  });

  it('does split "Samverkansöverenskommelsen" on a phone, with a hyphen', async () => {
    const page = await fx.browser.newPage();
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(fx.url('/'));
    const splits = (await splitWords(page)).filter(
      (s) => s.heading.replace(/\u00AD/g, '') === 'Samverkansöverenskommelsen',
    );
    expect(splits.map((s) => s.before)).toEqual(['\u00AD']);
    // The soft hyphen is invisible to search and to assistive technology: the link keeps its name.
    expect(await page.getByRole('link', { name: 'Samverkansöverenskommelsen', exact: true }).count()).toBe(1);
    await page.close();
  });
});

describe('the city’s facts', () => {
  it('come from the configuration and say plainly when they are not yet confirmed', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/personuppgifter'));
    const contact = page.getByRole('region', { name: 'Kontakt' });
    for (const fact of Object.values(cityFacts)) {
      const row = contact.locator('.facts > div').filter({ hasText: fact.label });
      expect(await row.locator('dd').innerText(), fact.label).toContain(fact.value);
      expect(await row.getByText('Inte bekräftad').count(), fact.label).toBe(fact.confirmed ? 0 : 1);
    }
    const footer = page.getByRole('contentinfo');
    expect(await footer.getByRole('link', { name: cityFacts.mailbox.value }).count()).toBe(1);
    expect(await footer.getByText('Inte bekräftad').count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe('source dates', () => {
  it('show a month when the sources give only a month', async () => {
    const page = await fx.browser.newPage();
    await page.goto(fx.url('/riktlinjer/syfte/'));
    const sources = page.getByRole('region', { name: 'Källor' });
    expect(await sources.locator('time[datetime="2009-12"]').first().innerText()).toBe('december 2009');
    expect(await sources.innerText()).not.toMatch(/\b1 (december 2009|juni 2010)/);
    await page.goto(fx.url('/overenskommelse/'));
    expect(await page.getByText('Antagen juni 2010').count()).toBe(1);
    await page.close();
  });
});

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { axeViolations, openBrowser } from '../support/browser';
import { startPortal, type Portal } from '../support/portal';
import { testUnitCode } from '../support/register-units';

let portal: Portal;
let browser: BrowserContext;
let noJs: BrowserContext;
beforeAll(async () => {
  portal = await startPortal({ forBrowser: true });
  browser = await openBrowser();
  noJs = await openBrowser({ javaScript: false });
});
afterAll(async () => {
  await browser?.close();
  await noJs?.close();
  await portal?.close();
});

const url = (path: string) => new URL(path, portal.url).href;
let serial = 0;

async function expectAccessible(page: Page, what: string) {
  expect(await axeViolations(page), what).toEqual([]);
}

/** Follows the newest link mailed to an address, as a person would from /dev/mail. */
async function openMailedLink(page: Page, to: string) {
  await page.goto(url('/dev/mail'));
  const message = page
    .locator('.mail-list > li')
    .filter({ hasText: `Till ${to}` })
    .first();
  await message.getByRole('link').first().click();
  await page.getByRole('button', { name: 'Logga in' }).click();
}

async function registerThroughTheForms(page: Page, { check = true } = {}) {
  serial += 1;
  const principal = `rektor${serial}@skola.example`;
  await page.goto(url('/registrera'));
  if (check) await expectAccessible(page, 'registrera');
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await expect.poll(() => page.title()).toMatch(/^Fel: /);
  if (check) await expectAccessible(page, 'registrera med fel');
  const code = testUnitCode();
  await page.getByLabel('Skolenhetskod').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  // Prefilled from Skolverket's register (the fixture); the school corrects what is wrong.
  await expect.poll(() => page.getByLabel('Skolans namn').inputValue()).toBe(`Testenhet ${code}`);
  if (check) await expectAccessible(page, 'registrera, uppgifter från registret');
  await page.getByLabel('Skolans namn').fill(`Webbskolan ${serial}`);
  await page.getByLabel('Grundskola', { exact: true }).check();
  await page.getByLabel('Huvudmannens namn').fill('Webbskolan AB');
  await page.getByLabel('Huvudmannens organisationsnummer').fill('556677-8899');
  await page.getByLabel('Gatuadress').fill('Ringvägen 10');
  await page.getByLabel('Postnummer').fill('118 60');
  await page.getByLabel('Postort').fill('Stockholm');
  await page.getByLabel('Södermalm').check();
  await page.getByLabel('Rektors namn').fill('Örjan Åberg');
  await page.getByLabel('Rektors e-postadress').fill(principal);
  await page.getByLabel('Funktionsadress för e-post').fill(`expedition${serial}@skola.example`);
  await page.getByLabel(/Jag har läst/).check();
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await expect.poll(() => page.title()).toMatch(/^Kontrollera uppgifterna/);
  if (check) await expectAccessible(page, 'kontrollera');
  await page.getByRole('button', { name: 'Skicka registreringen' }).click();
  await expect.poll(() => page.title()).toMatch(/^Registreringen är skickad/);
  if (check) await expectAccessible(page, 'klar');
  return principal;
}

describe('an independent school registers and signs in', () => {
  it.each([
    ['with JavaScript', () => browser],
    ['without JavaScript', () => noJs],
  ])('%s', async (_how, context) => {
    const page = await context().newPage();
    const principal = await registerThroughTheForms(page, { check: context() === browser });
    await openMailedLink(page, principal);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/skola/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Skolans sidor');
    expect(await page.locator('.status').first().textContent()).toContain('Registrerad');
    await page.close();
  });
});

describe('every new page passes axe', () => {
  it('sign-in pages, the school’s, the district’s and the coordinator’s pages, /dev/mail', async () => {
    const page = await browser.newPage();
    for (const path of [
      '/logga-in',
      '/logga-in/skickat',
      '/logga-in/utloggad',
      '/logga-in/bekrafta?token=kort',
      '/dev/mail',
    ]) {
      await page.goto(url(path));
      await expectAccessible(page, path);
    }
    await page.goto(url('/logga-in'));
    await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click();
    await expectAccessible(page, 'logga-in med fel');

    const principal = await registerThroughTheForms(page, { check: false });
    await openMailedLink(page, principal);
    await expectAccessible(page, '/skola/');
    await page.getByLabel('Funktionsadress för e-post').fill('fel');
    await page.getByRole('button', { name: 'Spara funktionsadressen' }).click();
    await expectAccessible(page, '/skola/ med fel');
    await page.getByLabel('Den nya rektorns namn').fill('Karin Handläggare');
    await page.getByLabel('Den nya rektorns e-postadress').fill(officerEmail('sodermalm'));
    await page.getByRole('button', { name: 'Skicka länk till den nya rektorn' }).click();
    await expect
      .poll(() => page.getByText('Adressen tillhör en handläggare eller samordnare').count())
      .toBeGreaterThan(0);
    await expectAccessible(page, '/skola/ byte av rektor med fel');
    await page.goto(url('/admin/'));
    expect(await page.title()).toMatch(/behörighet/);
    await expectAccessible(page, 'ingen behörighet');
    await page.getByRole('button', { name: 'Logga ut' }).click();

    for (const [email, home] of [
      [officerEmail('sodermalm'), '/stadsdel/'],
      [coordinatorEmail, '/admin/'],
    ] as const) {
      await page.goto(url('/logga-in'));
      await page.getByLabel('E-postadress').fill(email);
      await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click();
      await openMailedLink(page, email);
      await expect.poll(() => new URL(page.url()).pathname).toBe(home);
      await expectAccessible(page, home);
      if (home === '/admin/') {
        await page.getByRole('link', { name: 'Byt rektor för en skola' }).click();
        await expectAccessible(page, '/admin/rektor');
        await page.goto(url('/admin/skolenheter'));
        await expectAccessible(page, '/admin/skolenheter');
      }
      await page.getByRole('button', { name: 'Logga ut' }).click();
    }
    await page.close();
  });
});

import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { axeViolations, browserFixture, clickAndLoad, mailedLink, signInAs } from '../support/browser';
import { testUnitCode } from '../support/register-units';

const fx = browserFixture({ withoutJavaScript: true });

let serial = 0;

async function expectAccessible(page: Page, what: string) {
  expect(await axeViolations(page), what).toEqual([]);
}

/** Follows the newest link mailed to an address, as a person would from /dev/mail. */
async function openMailedLink(page: Page, to: string) {
  await page.goto(fx.url('/dev/mail'));
  await clickAndLoad(mailedLink(page, to));
  await clickAndLoad(page.getByRole('button', { name: 'Logga in' }));
}

async function registerThroughTheForms(page: Page, { check = true } = {}) {
  serial += 1;
  const principal = `rektor${serial}@skola.example`;
  await page.goto(fx.url('/registrera'));
  if (check) await expectAccessible(page, 'registrera');
  await clickAndLoad(page.getByRole('button', { name: 'Fortsätt' }));
  expect(await page.title()).toMatch(/^Fel: /);
  if (check) await expectAccessible(page, 'registrera med fel');
  const code = testUnitCode();
  await page.getByLabel('Skolenhetskod').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
  await clickAndLoad(page.getByRole('button', { name: 'Fortsätt' }));
  // Prefilled from Skolverket's register (the fixture); the school corrects what is wrong.
  expect(await page.getByLabel('Skolans namn').inputValue()).toBe(`Testenhet ${code}`);
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
  await clickAndLoad(page.getByRole('button', { name: 'Fortsätt' }));
  expect(await page.title()).toMatch(/^Kontrollera uppgifterna/);
  if (check) await expectAccessible(page, 'kontrollera');
  await clickAndLoad(page.getByRole('button', { name: 'Skicka registreringen' }));
  expect(await page.title()).toMatch(/^Registreringen är skickad/);
  if (check) await expectAccessible(page, 'klar');
  return principal;
}

describe('an independent school registers and signs in', () => {
  it.each([
    ['with JavaScript', () => fx.browser],
    ['without JavaScript', () => fx.noJs],
  ])('%s', async (_how, context) => {
    const page = await context().newPage();
    const principal = await registerThroughTheForms(page, { check: context() === fx.browser });
    await openMailedLink(page, principal);
    expect(new URL(page.url()).pathname).toBe('/skola/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Skolans sidor');
    expect(await page.locator('.status').first().textContent()).toContain('Registrerad');
    await page.close();
  });
});

describe('every new page passes axe', () => {
  // Each test starts signed out, so none depends on another having signed out before it.
  beforeEach(() => fx.browser.clearCookies());

  it('the sign-in pages and /dev/mail', async () => {
    const page = await fx.browser.newPage();
    for (const path of [
      '/logga-in',
      '/logga-in/skickat',
      '/logga-in/utloggad',
      '/logga-in/bekrafta?token=kort',
      '/dev/mail',
    ]) {
      await page.goto(fx.url(path));
      await expectAccessible(page, path);
    }
    await page.goto(fx.url('/logga-in'));
    await clickAndLoad(page.getByRole('button', { name: 'Skicka inloggningslänk' }));
    await expectAccessible(page, 'logga-in med fel');
    await page.close();
  });

  it('the school’s pages, with errors, and the page that refuses access', async () => {
    const page = await fx.browser.newPage();
    const principal = await registerThroughTheForms(page, { check: false });
    await openMailedLink(page, principal);
    await expectAccessible(page, '/skola/');
    await page.getByLabel('Funktionsadress för e-post').fill('fel');
    await clickAndLoad(page.getByRole('button', { name: 'Spara funktionsadressen' }));
    await expectAccessible(page, '/skola/ med fel');
    await page.getByLabel('Den nya rektorns namn').fill('Karin Handläggare');
    await page.getByLabel('Den nya rektorns e-postadress').fill(officerEmail('sodermalm'));
    await clickAndLoad(page.getByRole('button', { name: 'Skicka länk till den nya rektorn' }));
    expect(await page.getByText('Adressen tillhör en handläggare eller samordnare').count()).toBeGreaterThan(0);
    await expectAccessible(page, '/skola/ byte av rektor med fel');
    await page.goto(fx.url('/admin/'));
    expect(await page.title()).toMatch(/behörighet/);
    await expectAccessible(page, 'ingen behörighet');
    await page.close();
  });

  it('the district’s desk', async () => {
    const page = await fx.browser.newPage();
    await signInAs(page, fx.portal.url, officerEmail('sodermalm'));
    expect(new URL(page.url()).pathname).toBe('/stadsdel/');
    await expectAccessible(page, '/stadsdel/');
    await page.close();
  });

  it('the coordinator’s desk, the change of principal and the register’s units', async () => {
    const page = await fx.browser.newPage();
    await signInAs(page, fx.portal.url, coordinatorEmail);
    expect(new URL(page.url()).pathname).toBe('/admin/');
    await expectAccessible(page, '/admin/');
    await clickAndLoad(page.getByRole('link', { name: 'Byt rektor för en skola' }));
    await expectAccessible(page, '/admin/rektor');
    await page.goto(fx.url('/admin/skolenheter'));
    await expectAccessible(page, '/admin/skolenheter');
    await page.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { getCurrentTemplate } from '../../functions/domain/templates';
import { axeViolations, browserFixture, clickAndLoad, signInAs } from '../support/browser';
import { registerAndSignIn } from '../support/flows';

const fx = browserFixture({ withoutJavaScript: true });

const accessible = async (page: Page, what: string) => expect(await axeViolations(page), what).toEqual([]);
/** A refused form comes back at the page's own address, its error summary focused. */
async function shownAgainAt(page: Page, path: string | RegExp) {
  const at = new URL(page.url()).pathname;
  if (typeof path === 'string') expect(at).toBe(path);
  else expect(at).toMatch(path);
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
}

/** Moves focus with Tab only, until the focused element matches; fails if it never does. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 200; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Nådde aldrig ${selector} med Tab`);
}

async function fillDraft(page: Page, keyboard: boolean) {
  const template = await getCurrentTemplate({ db: fx.portal.db });
  for (const s of template!.content.sections.filter((x) => x.localAddition)) {
    if (keyboard) {
      await tabTo(page, `textarea[name="section.${s.id}"]`);
      await page.keyboard.type(`Lokalt: ${s.localAddition!.label}.`);
    } else {
      await page.getByLabel(s.localAddition!.label, { exact: true }).fill(`Lokalt: ${s.localAddition!.label}.`);
    }
  }
}

async function signForm(page: Page, keyboard: boolean, name: string, statement: RegExp, button: string) {
  if (keyboard) {
    await tabTo(page, 'input[name="fullName"]');
    await page.keyboard.type(name);
    await tabTo(page, 'input[name="statement"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type="submit"]:not(.button--secondary):not(.button--link)');
    await page.keyboard.press('Enter');
  } else {
    await page.getByLabel('Ditt fullständiga namn').fill(name);
    await page.getByLabel(statement).check();
    await page.getByRole('button', { name: button }).click();
  }
}

describe.each([
  ['with JavaScript', () => fx.browser, false],
  ['without JavaScript', () => fx.noJs, false],
  ['with the keyboard alone', () => fx.browser, true],
] as const)('the school signs and the district confirms, %s', (_how, context, keyboard) => {
  it('goes from no agreement to a valid one', async () => {
    const district = keyboard ? 'bromma' : 'sodermalm';
    const { form } = await registerAndSignIn(fx.portal, { district });
    const school = await context().newPage();
    await signInAs(school, fx.portal.url, form.principalEmail as string);
    await school.goto(fx.url('/skola/overenskommelse'));
    if (keyboard) {
      await tabTo(school, 'form[action="?atgard=starta"] button');
      await school.keyboard.press('Enter');
    } else {
      await school.getByRole('button', { name: 'Påbörja överenskommelse' }).click();
    }
    await expect.poll(() => new URL(school.url()).pathname).toBe('/skola/overenskommelse/utkast');
    await fillDraft(school, keyboard);
    if (keyboard) {
      await tabTo(school, 'button[value="granska"]');
      await school.keyboard.press('Enter');
    } else {
      await school.getByRole('button', { name: 'Granska och skriv under' }).click();
    }
    await expect.poll(() => new URL(school.url()).pathname).toBe('/skola/overenskommelse/granska');
    await signForm(school, keyboard, 'Åsa Öberg', /Jag har läst överenskommelsen/, 'Skriv under överenskommelsen');
    await expect
      .poll(() => school.locator('.panel-success').textContent())
      .toContain('skickad till stadsdelsförvaltningen');
    await clickAndLoad(school.getByRole('button', { name: 'Logga ut' }));

    const officer = await context().newPage();
    await signInAs(officer, fx.portal.url, officerEmail(district));
    await officer.goto(fx.url('/stadsdel/inkorg'));
    await officer
      .getByRole('link', { name: form.name as string })
      .first()
      .click();
    await signForm(
      officer,
      keyboard,
      'Karin Handläggare',
      /Jag bekräftar överenskommelsen/,
      'Bekräfta överenskommelsen',
    );
    await expect.poll(() => officer.locator('.panel-success').textContent()).toContain('bekräftad');
    await clickAndLoad(officer.getByRole('button', { name: 'Logga ut' }));
    await school.close();
    await officer.close();
  });
});

describe('every new page passes axe', () => {
  it('the school’s, the district’s and the coordinator’s agreement pages, and the public ones', async () => {
    const { form } = await registerAndSignIn(fx.portal, { district: 'farsta' });
    const page = await fx.browser.newPage();
    await signInAs(page, fx.portal.url, form.principalEmail as string);
    await page.goto(fx.url('/skola/overenskommelse'));
    await accessible(page, 'ingen överenskommelse');
    await page.getByRole('button', { name: 'Påbörja överenskommelse' }).click();
    await accessible(page, 'utkast');
    await page.getByRole('button', { name: 'Granska och skriv under' }).click();
    await accessible(page, 'utkast med fel');
    await shownAgainAt(page, '/skola/overenskommelse/utkast');
    await fillDraft(page, false);
    await page.getByRole('button', { name: 'Granska och skriv under' }).click();
    await accessible(page, 'granska');
    await page.getByRole('button', { name: 'Skriv under överenskommelsen' }).click();
    await accessible(page, 'granska med fel');
    await shownAgainAt(page, '/skola/overenskommelse/granska');
    await page.getByLabel('Ditt fullständiga namn').fill('Åsa Öberg');
    await page.getByLabel(/Jag har läst/).check();
    await page.getByRole('button', { name: 'Skriv under överenskommelsen' }).click();
    await accessible(page, 'underskriven');
    const printLink = page.getByRole('link', { name: /Mallversion/ }).first();
    await printLink.click();
    await accessible(page, 'utskrift');
    const code = (await page.locator('.page-facts dd').last().textContent())?.trim() ?? '';
    await clickAndLoad(page.getByRole('button', { name: 'Logga ut' }));

    await signInAs(page, fx.portal.url, officerEmail('farsta'));
    await accessible(page, '/stadsdel/');
    await page.goto(fx.url('/stadsdel/inkorg'));
    await accessible(page, 'inkorg');
    await page
      .getByRole('link', { name: form.name as string })
      .first()
      .click();
    await accessible(page, 'bekräfta');
    await page.getByRole('button', { name: 'Skicka tillbaka' }).click();
    await accessible(page, 'skicka tillbaka med fel');
    await shownAgainAt(page, /^\/stadsdel\/overenskommelse\/\d+$/);
    await page.goto(fx.url('/stadsdel/kontakt'));
    await accessible(page, 'kontaktfunktion');
    await clickAndLoad(page.getByRole('button', { name: 'Logga ut' }));

    await signInAs(page, fx.portal.url, coordinatorEmail);
    await page.goto(fx.url('/admin/mallar'));
    await accessible(page, 'mallar');
    for (const path of [
      '/overenskommelse/',
      '/overenskommelse/version/1',
      `/verifiera?kod=${code}`,
      '/verifiera?kod=SVK-FELK-ODEN',
      '/verifiera',
    ]) {
      await page.goto(fx.url(path));
      await accessible(page, path);
    }
    await page.close();
  });
});

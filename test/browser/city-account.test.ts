import { expect, it } from 'vitest';
import { officerEmail } from '../../functions/db/seed-accounts';
import { schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { axeViolations, browserFixture, clickAndLoad } from '../support/browser';
import { startPortalWithCityAccount } from '../support/city-account';

const fx = browserFixture({ start: () => startPortalWithCityAccount({ forBrowser: true }) });

it('an officer signs in with the city’s account, confirms an agreement and signs out at the provider too', async () => {
  const school = await schoolWithDraft(fx.portal, { district: 'bromma' });
  expect((await signAsSchool(school.visitor, school.agreementId)).status).toBe(303);

  const page = await fx.browser.newPage();
  await page.goto(fx.url('/logga-in'));
  expect(await axeViolations(page), '/logga-in med stadens konto').toEqual([]);
  await page.getByRole('button', { name: 'Logga in med stadens konto' }).click();
  // The provider's own login page (the local stand-in for the city's).
  await page.getByLabel(officerEmail('bromma')).check();
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/stadsdel/');

  await page.goto(fx.url('/stadsdel/inkorg'));
  await page
    .getByRole('link', { name: school.form.name as string })
    .first()
    .click();
  await page.getByLabel('Ditt fullständiga namn').fill('Karin Handläggare');
  await page.getByLabel(/Jag bekräftar överenskommelsen/).check();
  await page.getByRole('button', { name: 'Bekräfta överenskommelsen' }).click();
  await expect.poll(() => page.locator('.panel-success').textContent()).toContain('bekräftad');

  await clickAndLoad(page.getByRole('button', { name: 'Logga ut' }));
  await page.getByRole('button', { name: 'Ja, logga ut' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Du är utloggad');
  await page.close();
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { confirmedAgreement } from '../support/agreement-flows';
import { axeViolations, browserFixture, clickAndLoad, signInAs } from '../support/browser';

const fx = browserFixture({ withoutJavaScript: true });

const accessible = async (page: Page, what: string) => expect(await axeViolations(page), what).toEqual([]);

describe('/statistik/', () => {
  it('shows the chart and the same numbers in a table, without JavaScript, and passes axe', async () => {
    await confirmedAgreement(fx.portal, 'sodermalm');
    await fx.portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date() });
    const page = await fx.noJs.newPage();
    await page.goto(fx.url('/statistik/'));
    const chart = page.getByRole('img', { name: 'Andel skolor med giltig överenskommelse per stadsdel' });
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('text').filter({ hasText: '100 %' }).count()).toBeGreaterThan(0);
    const table = page.getByRole('table', { name: /Fristående skolor: registrerade skolor, giltiga överenskommelser/ });
    const sodermalm = table.getByRole('row', { name: /Södermalm/ });
    expect(await sodermalm.getByRole('cell').nth(1).textContent()).toBe('1 (100 %)');
    await page.close();
    const checked = await fx.browser.newPage();
    await checked.goto(fx.url('/statistik/'));
    await accessible(checked, '/statistik/');
    await checked.goto(fx.url('/oppna-data/'));
    await accessible(checked, '/oppna-data/');
    await checked.close();
  });
});

describe('every new page passes axe', () => {
  it('follow-up pages for school and district, and the coordinator’s desk', async () => {
    const { form, agreementId } = await confirmedAgreement(fx.portal, 'farsta');
    const page = await fx.browser.newPage();
    await signInAs(page, fx.portal.url, form.principalEmail as string);
    await page.goto(fx.url(`/skola/uppfoljning?id=${agreementId}`));
    await accessible(page, 'uppföljning skola');
    await page.getByRole('button', { name: 'Skicka in uppföljningen' }).click();
    await accessible(page, 'uppföljning skola med fel');
    await clickAndLoad(page.getByRole('button', { name: 'Logga ut' }));

    await signInAs(page, fx.portal.url, officerEmail('farsta'));
    await page.goto(fx.url('/stadsdel/uppfoljning'));
    await accessible(page, 'uppföljningar stadsdel');
    await page.getByRole('link', { name: form.name as string }).click();
    await accessible(page, 'uppföljning stadsdel');
    await clickAndLoad(page.getByRole('button', { name: 'Logga ut' }));

    await signInAs(page, fx.portal.url, coordinatorEmail);
    for (const path of [
      '/admin/',
      '/admin/skolor',
      '/admin/stadsdelar',
      '/admin/stadsdelar/bromma',
      '/admin/overenskommelser',
      '/admin/overenskommelser?status=confirmed',
    ]) {
      await page.goto(fx.url(path));
      await accessible(page, path);
    }
    await page.goto(fx.url('/admin/skolor'));
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await accessible(page, 'import utan fil');
    await page.goto(fx.url('/admin/skolor'));
    await page.getByLabel('CSV-fil').setInputFiles({
      name: 'skolor.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'skolenhetskod;namn;skolformer;stadsdel;funktionsadress\n74000001;Webbskolan;grundskola;Bromma;webb@edu.stockholm.example\n',
      ),
    });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    expect(await page.getByText('1 nya, 0 ändrade och 0 oförändrade skolor').count()).toBe(1);
    await accessible(page, 'import förhandsgranskning');
    await page.getByRole('button', { name: 'Läs in skolorna' }).click();
    expect(await page.getByText('Inläsningen är klar: 1 nya och 0 ändrade skolor.').count()).toBe(1);
    await page.goto(fx.url('/admin/skolor'));
    await page
      .getByLabel('CSV-fil')
      .setInputFiles({ name: 'fel.csv', mimeType: 'text/csv', buffer: Buffer.from('fel;rubrik\n') });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await accessible(page, 'import med fel');
    await page.close();
  });
});

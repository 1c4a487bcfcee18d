import type { Page } from 'playwright-core';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { districts, memberships, users } from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { axeViolations, browserFixture, clickAndLoad, mailedLink, signInAs } from '../support/browser';

const fx = browserFixture({ withoutJavaScript: true });

const longAddress = `mottagningen.for.barn.och.unga.och.deras.familjer.${'a'.repeat(60)}@stockholm.example`;
beforeAll(async () => {
  // A district with a very long contact address, and a table full of officers with long names.
  await fx.portal.db
    .update(districts)
    .set({
      contactFunction: 'Mottagningen för barn och unga',
      contactEmail: longAddress,
      contactPhone: '08-508 000 00',
    })
    .where(eq(districts.slug, 'sodermalm'));
  const [bromma] = await fx.portal.db.select().from(districts).where(eq(districts.slug, 'bromma'));
  for (let i = 1; i <= 15; i += 1) {
    const email = `handlaggare.med.ett.mycket.langt.namn.${i}@socialtjansten.stockholm.example`;
    await fx.portal.db
      .insert(users)
      .values({ email, name: `Handläggare Med Ett Mycket Långt Namn ${i}`, createdAt: new Date().toISOString() });
    await fx.portal.db.insert(memberships).values({
      userId: sql`(select id from users where email = ${email})`,
      role: 'officer',
      districtId: bromma!.id,
      createdAt: new Date().toISOString(),
    });
  }
});

const base = () => new URL(fx.portal.url);

/** At 375 px wide nothing may make the page scroll sideways, and axe finds nothing. */
async function expectFitsPhone(page: Page, what: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${what} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  expect(await axeViolations(page), what).toEqual([]);
}

describe('officers, by what the coordinator sees', () => {
  it('an officer removed after the confirmation page is told at their old link that they no longer have access', async () => {
    const officer = await fx.browser.newPage();
    await officer.goto(fx.url('/logga-in'));
    await officer.getByLabel('E-postadress').fill(officerEmail('farsta'));
    await clickAndLoad(officer.getByRole('button', { name: 'Skicka inloggningslänk' }));
    await officer.goto(fx.url('/dev/mail'));
    const link = await mailedLink(officer, officerEmail('farsta')).getAttribute('href');

    // Without JavaScript: "Ta bort" leads to a page that asks first.
    const coordinator = await fx.noJs.newPage();
    await signInAs(coordinator, base(), coordinatorEmail);
    await coordinator.getByRole('link', { name: 'Ta bort Handläggare Farsta' }).click();
    await expect.poll(() => coordinator.title()).toBe('Ta bort Handläggare Farsta – Samverkansportalen');
    await expect
      .poll(() =>
        coordinator
          .getByRole('heading', { name: 'Vill du ta bort Handläggare Farsta som handläggare för Farsta?' })
          .count(),
      )
      .toBe(1);
    await coordinator.getByRole('link', { name: 'Nej, behåll handläggaren' }).click();
    await expect.poll(() => coordinator.getByRole('link', { name: 'Ta bort Handläggare Farsta' }).count()).toBe(1);
    await coordinator.getByRole('link', { name: 'Ta bort Handläggare Farsta' }).click();
    await coordinator.getByRole('button', { name: 'Ja, ta bort' }).click();
    await expect
      .poll(() => coordinator.getByRole('status').textContent())
      .toContain('Handläggarens behörighet är borttagen');
    expect(await coordinator.getByRole('link', { name: 'Ta bort Handläggare Farsta' }).count()).toBe(0);
    await coordinator.close();

    await officer.goto(link ?? '');
    await officer.getByRole('button', { name: 'Logga in' }).click();
    await expect
      .poll(() => officer.getByRole('alert').textContent())
      .toContain('Du har inte längre behörighet i Samverkansportalen');
    expect(new URL(officer.url()).pathname).not.toBe('/stadsdel/');
    await officer.close();
  });

  it('inviting the same person to the same district twice says so', async () => {
    const page = await fx.browser.newPage();
    await signInAs(page, base(), coordinatorEmail);
    for (const time of [1, 2]) {
      await page.getByLabel('Namn', { exact: true }).fill('Dubbel Inbjuden');
      await page.getByLabel('E-postadress').fill('dubbel.inbjuden@stockholm.example');
      await page.getByLabel('Stadsdel', { exact: true }).selectOption({ label: 'Kungsholmen' });
      await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
      if (time === 1) await expect.poll(() => page.getByRole('status').textContent()).toContain('Inbjudan är skickad');
    }
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain(
        'dubbel.inbjuden@stockholm.example är redan handläggare för Kungsholmen. Ingen ny inbjudan har skickats.',
      );
    expect(await axeViolations(page), 'inbjudan två gånger').toEqual([]);
    await page.close();
  });

  it('the coordinator adds a district that starts later, with the mistakes shown at the fields first', async () => {
    const page = await fx.browser.newPage();
    await signInAs(page, base(), coordinatorEmail);
    await page.getByRole('main').getByRole('link', { name: 'Stadsdelar', exact: true }).click();
    await page.getByLabel('Namn', { exact: true }).fill('Söderort');
    await page.getByLabel('Kortnamn i adresser').fill('Söderort');
    await page.getByLabel('Första dag').fill('1 januari 2031');
    await page.getByRole('button', { name: 'Lägg till stadsdelen' }).click();
    await expect.poll(() => page.title()).toMatch(/^Fel: /);
    expect(await axeViolations(page), 'ny stadsdel med fel').toEqual([]);
    await page.getByLabel('Kortnamn i adresser').fill('soderort');
    await page.getByLabel('Första dag').fill('2031-01-01');
    await page.getByRole('button', { name: 'Lägg till stadsdelen' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Söderort är tillagd.');
    await expect.poll(() => page.getByRole('row', { name: /Söderort/ }).textContent()).toContain('Från 1 januari 2031');
    await page.getByRole('main').getByRole('link', { name: 'Södermalm', exact: true }).click();
    await expect.poll(() => page.getByText('Kontaktfunktionen ändras av stadsdelens egna handläggare').count()).toBe(1);
    expect(await axeViolations(page), '/admin/stadsdelar/sodermalm').toEqual([]);
    await page.close();
  });
});

describe('pages that fit a phone', () => {
  it('/admin/ with a full table of officers, the removal page and a district page with a very long address', async () => {
    const page = await fx.browser.newPage();
    await signInAs(page, base(), coordinatorEmail);
    await expectFitsPhone(page, '/admin/');
    await page.getByRole('link', { name: 'Ta bort Handläggare Med Ett Mycket Långt Namn 1', exact: true }).click();
    await expectFitsPhone(page, 'ta bort');
    await page.goto(fx.url('/admin/stadsdelar/sodermalm'));
    await expectFitsPhone(page, '/admin/stadsdelar/sodermalm');
    await page.goto(fx.url('/stadsdelar/sodermalm/'));
    await expect.poll(() => page.getByRole('link', { name: longAddress }).count()).toBe(1);
    await expectFitsPhone(page, '/stadsdelar/sodermalm/');
    await page.close();
  });
});

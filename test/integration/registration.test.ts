import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox, schools } from '../../functions/db/schema';
import { Visitor, fillInRegistration, register, validRegistration } from '../support/client';
import { testUnitCode } from '../support/register-units';
import { registerAndSignIn } from '../support/flows';
import { linkFor, startPortal, tokenOf, type Portal } from '../support/portal';
import { summaryFirstInMain } from '../support/form-answers';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

const schoolCount = async () => (await portal.db.select({ n: count() }).from(schools))[0]?.n ?? 0;

describe('registering an independent school', () => {
  it('goes code → prefilled form → check your answers → sent → link → signed in, verified', async () => {
    const visitor = new Visitor(portal);
    const code = testUnitCode();
    const { schoolUnitCode: _code, ...answers } = validRegistration({
      organizerOrgNumber: '556677 8899',
      postcode: '11646',
    });
    expect((await visitor.get('/registrera')).status).toBe(200);

    const lookedUp = await visitor.post('/registrera', { schoolUnitCode: `${code.slice(0, 4)} ${code.slice(4)}` });
    expect(lookedUp.status).toBe(303);
    expect(lookedUp.headers.get('location')).toBe('/registrera/uppgifter');
    expect(await (await visitor.get('/registrera/uppgifter')).text()).toContain(`value="Testenhet ${code}"`);
    const filledIn = await visitor.post('/registrera/uppgifter', answers);
    expect(filledIn.status).toBe(303);
    expect(filledIn.headers.get('location')).toBe('/registrera/kontrollera');
    const check = await visitor.get('/registrera/kontrollera');
    expect(check.status).toBe(200);
    const checkHtml = await check.text();
    expect(checkHtml).toContain('Kontrollera uppgifterna');
    expect(checkHtml).toContain(code);
    expect(checkHtml).toContain('116 46 Stockholm');
    expect(checkHtml).toContain('Södermalm');
    expect(await schoolCount()).toBe(0);

    const sent = await visitor.post('/registrera/kontrollera', {});
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toMatch(/\/registrera\/klar\?referens=SVP-/);
    const [stored] = await portal.db.select().from(schools).where(eq(schools.schoolUnitCode, code));
    expect(stored).toMatchObject({
      status: 'pending',
      postcode: '116 46',
      organizerOrgNumber: '556677-8899',
      kind: 'fristaende',
      registerCheck: 'verified',
    });

    // The link opens a page with a button; opening it does not spend the token.
    const link = await linkFor(portal, answers.principalEmail as string);
    const page = await visitor.get(new URL(link).pathname + new URL(link).search);
    expect(await page.text()).toContain('<button type="submit">Logga in</button>');
    const signedIn = await visitor.post('/logga-in/bekrafta', { token: tokenOf(link) });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/skola/');
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('__Host-session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);

    const mine = await (await visitor.get('/skola/')).text();
    expect(mine).toContain('Registrerad');
    expect(mine).toContain('Kvitto på registreringen');
    const [verified] = await portal.db.select().from(schools).where(eq(schools.schoolUnitCode, code));
    expect(verified?.status).toBe('active');
    const events = await portal.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, verified?.reference ?? ''));
    expect(events.map((e) => e.action)).toContain('school.registered');
  });

  it.each([
    ['name', '', 'Ange skolans namn'],
    ['name', 'x'.repeat(121), 'Skolans namn får vara högst 120 tecken'],
    ['name', 'Skola\u0007', 'Skolans namn innehåller tecken som inte är tillåtna'],
    [
      'name',
      'Skolan 120315-1234',
      'Skolans namn ser ut att innehålla ett personnummer. Portalen sparar inga personnummer, så ta bort det',
    ],
    [
      'principalName',
      'Åsa Öberg １２０３１５－１２３４',
      'Rektors namn ser ut att innehålla ett personnummer. Portalen sparar inga personnummer, så ta bort det',
    ],
    [
      'streetAddress',
      'Götgatan 12 03 15–12 34',
      'Besöksadress ser ut att innehålla ett personnummer. Portalen sparar inga personnummer, så ta bort det',
    ],
    ['organizerName', '', 'Ange huvudmannens namn'],
    ['organizerOrgNumber', '556677-889', 'Organisationsnumret ska vara 10 siffror, till exempel 556677-8899'],
    [
      'organizerOrgNumber',
      '551677-8899',
      'Organisationsnumret ska ha en tvåa eller högre som tredje siffra (annars är det ett personnummer)',
    ],
    [
      'organizerOrgNumber',
      '556677-8898',
      'Organisationsnumret stämmer inte. Kontrollera siffrorna, den sista är en kontrollsiffra',
    ],
    ['forms', [], 'Välj minst en skolform'],
    ['forms', ['universitet'], 'Välj minst en skolform'],
    ['streetAddress', '', 'Ange besöksadress'],
    ['postcode', '1234', 'Postnumret ska vara 5 siffror, till exempel 123 45'],
    ['postalTown', '', 'Ange postort'],
    ['district', 'atlantis', 'Välj den stadsdel där skolan ligger'],
    ['district', 'alvsjo', 'Välj den stadsdel där skolan ligger'],
    ['principalName', '', 'Ange rektors namn'],
    ['principalEmail', 'rektor(at)skola', 'Ange rektors e-postadress i rätt format, till exempel namn@skolan.se'],
    ['contactEmail', '', 'Ange funktionsadress för e-post'],
    ['consent', [], 'Bekräfta att du har läst informationen om hur portalen behandlar personuppgifter'],
  ])('%s = %j is refused with "%s", next to the field and in the summary', async (field, value, message) => {
    const visitor = new Visitor(portal);
    const form = validRegistration({ [field]: value });
    const before = await schoolCount();
    const res = await fillInRegistration(visitor, form);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Fel: Registrera en fristående skola');
    expect(html).toContain(`href="#${field}">${message}</a>`);
    expect(html).toMatch(
      new RegExp(`id="${field}-error"><span class="visually-hidden">Fel:</span> ${message.replace(/[()]/g, '\\$&')}`),
    );
    // Every other answer is kept.
    expect(html).toContain(field === 'postalTown' ? 'value="Götgatan 1"' : 'value="Stockholm"');
    expect(await schoolCount()).toBe(before);
  });

  it.each([
    ['1234567', 'Skolenhetskoden ska vara 8 siffror, till exempel 12345678'],
    ['1234567a', 'Skolenhetskoden ska vara 8 siffror, till exempel 12345678'],
    ['', 'Ange skolenhetskod'],
  ])('the code %j is refused with "%s" before anything is looked up', async (value, message) => {
    const visitor = new Visitor(portal);
    const before = portal.skolverket.counts.unit;
    const res = await visitor.post('/registrera', { schoolUnitCode: value });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Fel: Registrera en fristående skola');
    expect(html).toContain(`href="#schoolUnitCode">${message}</a>`);
    expect(html).toContain(`id="schoolUnitCode-error"><span class="visually-hidden">Fel:</span> ${message}`);
    expect(portal.skolverket.counts.unit).toBe(before);
    expect(visitor.cookies.has('__Host-registrering')).toBe(false);
  });

  it('answers the GOV.UK way: errors on the same URL with the summary first in main and focused; success redirects; the kept answers go when sent', async () => {
    const visitor = new Visitor(portal);
    // Typed in directly, without a code looked up, the later steps start the journey over.
    expect((await visitor.get('/registrera/uppgifter')).headers.get('location')).toBe('/registrera');
    expect((await visitor.post('/registrera/uppgifter', {})).headers.get('location')).toBe('/registrera');
    expect((await visitor.get('/registrera/kontrollera')).headers.get('location')).toBe('/registrera');
    expect((await visitor.post('/registrera/kontrollera', {})).headers.get('location')).toBe('/registrera');
    const wrong = await fillInRegistration(visitor, validRegistration({ postcode: '1' }));
    const html = await wrong.text();
    expect(wrong.status).toBe(400);
    expect(html).toMatch(summaryFirstInMain);
    // A code looked up but the answers not yet given: the check page sends the school back to them.
    expect((await visitor.get('/registrera/kontrollera')).headers.get('location')).toBe('/registrera/uppgifter');
    const form = validRegistration();
    await fillInRegistration(visitor, form);
    // Someone else registers the code in between: the check page says so and links to the field.
    await register(new Visitor(portal), validRegistration({ schoolUnitCode: form.schoolUnitCode }));
    const taken = await visitor.post('/registrera/kontrollera', {});
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('href="/registrera/uppgifter#schoolUnitCode"');
    // Another code: the school's own answers stay, the register fills in the rest again.
    const { schoolUnitCode: _taken, ...answers } = form;
    await visitor.post('/registrera', { schoolUnitCode: testUnitCode() });
    expect(await (await visitor.get('/registrera/uppgifter')).text()).toContain(`value="${form.principalEmail}"`);
    await visitor.post('/registrera/uppgifter', answers);
    expect((await visitor.post('/registrera/kontrollera', {})).status).toBe(303);
    expect(visitor.cookies.has('__Host-registrering')).toBe(false);
  });

  it('keeps the answers only under the portal’s key: a changed cookie counts as none', async () => {
    const visitor = new Visitor(portal);
    await fillInRegistration(visitor, validRegistration());
    const [payload, mac] = (visitor.cookies.get('__Host-registrering') ?? '').split('.');
    const changed = btoa(JSON.stringify({ ...validRegistration(), name: 'Annan skola' })).replace(/=+$/, '');
    visitor.cookies.set('__Host-registrering', `${changed}.${mac}`);
    expect((await visitor.get('/registrera/kontrollera')).headers.get('location')).toBe('/registrera');
    expect(payload).toBeTruthy();
  });

  it('refuses a skolenhetskod already registered, without showing the other school', async () => {
    const first = validRegistration({ name: 'Hemliga skolan' });
    await register(new Visitor(portal), first);
    const res = await register(
      new Visitor(portal),
      validRegistration({ schoolUnitCode: first.schoolUnitCode, name: 'Andra skolan' }),
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Skolenheten med den här koden är redan registrerad. Logga in för att se den');
    expect(html).toContain('<a href="/logga-in">Logga in för att se skolans uppgifter</a>');
    expect(html).not.toContain('Hemliga skolan');
    expect(html).not.toContain(first.principalEmail as string);
  });

  it('refuses unknown fields with a clear message and writes nothing', async () => {
    const before = await schoolCount();
    const lookUp = await new Visitor(portal).post('/registrera', { schoolUnitCode: testUnitCode(), status: 'active' });
    expect(lookUp.status).toBe(400);
    expect(await lookUp.text()).toContain('Formuläret innehöll fält som inte hör dit');
    const res = await fillInRegistration(new Visitor(portal), { ...validRegistration(), status: 'active' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Formuläret innehöll fält som inte hör dit');
    expect(await schoolCount()).toBe(before);
  });

  it('refuses a file where text belongs, and a body over the limit', async () => {
    const visitor = new Visitor(portal);
    const csrf = await visitor.csrf();
    const boundary = 'gräns1234';
    const multipart = [
      `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="name"; filename="skola.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const file = await portal.fetch('/registrera', {
      method: 'POST',
      body: multipart,
      headers: {
        cookie: `__Host-csrf=${visitor.cookies.get('__Host-csrf')}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    expect(file.status).toBe(400);
    expect(await file.text()).toContain('Begäran kunde inte tolkas.');
    const big = await visitor.post('/registrera', { schoolUnitCode: testUnitCode(), name: 'x'.repeat(40_000) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('Det du skickade var för stort');
  });

  it('refuses a post without the CSRF token, or with another browser’s', async () => {
    const visitor = new Visitor(portal);
    const none = await visitor.post('/registrera', { schoolUnitCode: testUnitCode() }, { csrf: false });
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('Formuläret har gått ut eller kom inte från portalen');
    const other = await new Visitor(portal).csrf();
    await visitor.csrf();
    const forged = await visitor.post('/registrera', { schoolUnitCode: testUnitCode(), csrf: other }, { csrf: false });
    expect(forged.status).toBe(403);
    expect(visitor.cookies.has('__Host-registrering')).toBe(false);
  });

  it('warns on the check page when the function address is the principal’s own, and lets the school change it or go on', async () => {
    const visitor = new Visitor(portal);
    const warning = 'Funktionsadressen är samma som rektors egen adress';
    await fillInRegistration(visitor, validRegistration());
    expect(await (await visitor.get('/registrera/kontrollera')).text()).not.toContain(warning);
    const email = `rektor.${Math.random().toString(36).slice(2, 10)}@skola.example`;
    const form = validRegistration({ principalEmail: email, contactEmail: email.toUpperCase() });
    await fillInRegistration(visitor, form);
    const html = await (await visitor.get('/registrera/kontrollera')).text();
    expect(html).toContain(warning);
    expect(html).toContain('dataskyddsförordningen (GDPR)');
    expect(html).toContain('<a href="/registrera/uppgifter#contactEmail">Ändra funktionsadressen</a>');
    const sent = await visitor.post('/registrera/kontrollera', {});
    expect(sent.status).toBe(303);
  });

  it('has an "Ändra" per answer on the check page that returns to that field', async () => {
    const visitor = new Visitor(portal);
    await fillInRegistration(visitor, validRegistration());
    const check = await (await visitor.get('/registrera/kontrollera')).text();
    for (const field of [
      'name',
      'forms',
      'organizerName',
      'organizerOrgNumber',
      'streetAddress',
      'district',
      'principalName',
      'contactEmail',
    ]) {
      expect(check).toContain(`href="/registrera/uppgifter#${field}"`);
    }
    // The code is changed where it is looked up.
    expect(check).toContain('<a href="/registrera">Ändra<span class="visually-hidden"> skolenhetskod</span></a>');
    expect(check).toMatch(/Ändra<span class="visually-hidden"> skolans namn<\/span>/);
  });

  it('lets "Ändra" on the check page bring every answer back into the form', async () => {
    const visitor = new Visitor(portal);
    const form = validRegistration({ name: 'Rättade skolan', forms: ['forskola', 'grundskola'] });
    await fillInRegistration(visitor, form);
    const res = await visitor.get('/registrera/uppgifter');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('value="Rättade skolan"');
    expect(html).toMatch(/value="forskola" checked/);
    expect(html).toContain(`value="${form.principalEmail}"`);
    expect(await (await visitor.get('/registrera')).text()).toContain(`value="${form.schoolUnitCode}"`);
  });

  it('lets the principal change the function address, and tells both the old and the new address', async () => {
    const { visitor, school } = await registerAndSignIn(portal);
    const bad = await visitor.post(`/skola/?atgard=kontakt&skola=${school.id}`, { contactEmail: 'inte-en-adress' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Ange funktionsadress för e-post i rätt format');
    const res = await visitor.post(`/skola/?atgard=kontakt&skola=${school.id}`, {
      contactEmail: 'ny.funktion@skola.example',
    });
    expect(res.headers.get('location')).toBe('/skola/?andrat=kontakt');
    const [changed] = await portal.db.select().from(schools).where(eq(schools.id, school.id));
    expect(changed).toMatchObject({ contactEmail: 'ny.funktion@skola.example', principalEmail: school.principalEmail });
    const letters = await portal.db
      .select({ to: outbox.to })
      .from(outbox)
      .where(eq(outbox.subject, `Kontaktuppgifterna för ${school.name} har ändrats`));
    expect(letters.map((l) => l.to).sort()).toEqual([school.contactEmail, 'ny.funktion@skola.example'].sort());
  });

  it('writes the school, its roles, token, letter and audit event together', async () => {
    const form = validRegistration();
    const mailsBefore = (await portal.db.select({ n: count() }).from(outbox))[0]?.n ?? 0;
    await register(new Visitor(portal), form);
    const mailsAfter = (await portal.db.select({ n: count() }).from(outbox))[0]?.n ?? 0;
    expect(mailsAfter - mailsBefore).toBe(1);
    expect(await linkFor(portal, form.principalEmail as string)).toBeTruthy();
  });
});

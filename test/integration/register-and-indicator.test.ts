import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, schools } from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { confirmedAgreement, schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { Visitor } from '../support/client';
import { registerAndSignIn, signIn } from '../support/flows';
import { linkFor, startPortal, tokenOf, type Portal } from '../support/portal';

let portal: Portal;
let coordinator: Visitor;
beforeAll(async () => {
  portal = await startPortal();
  coordinator = new Visitor(portal);
  await signIn(portal, coordinator, coordinatorEmail);
});
afterAll(async () => portal?.close());

const header = 'skolenhetskod;namn;skolformer;stadsdel;funktionsadress';
const municipal = (code: string, name: string, district: string) =>
  `${code};${name};grundskola;${district};${name.toLowerCase().replace(/\W+/g, '.')}@edu.stockholm.example`;
const preview = (csv: string) => coordinator.post('/admin/skolor?atgard=forhandsgranska', { csv });
const runImport = (visitor: Visitor, csv: string) => visitor.post('/admin/skolor?atgard=las-in', { csv });
const municipalCount = async () => (await portal.db.select().from(schools).where(eq(schools.kind, 'kommunal'))).length;

describe('importing municipal schools from CSV', () => {
  it('shows what will change, changes nothing until confirmed, then applies it all', async () => {
    const csv = [
      header,
      municipal('70000001', 'Alfa skola', 'Bromma'),
      municipal('70000002', 'Beta skola', 'Södermalm'),
      '"70000003";"Gamma skola";"förskola, anpassad grundskola";"Järva";"gamma@edu.stockholm.example"',
    ].join('\r\n');
    const res = await preview(csv);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('3 nya, 0 ändrade och 0 oförändrade skolor');
    expect(await municipalCount()).toBe(0);
    const done = await runImport(coordinator, csv);
    expect(done.headers.get('location')).toBe('/admin/skolor?nya=3&andrade=0');
    expect(await municipalCount()).toBe(3);
    const again = await (await preview(csv.replace('Beta skola', 'Beta skolan'))).text();
    expect(again).toContain('0 nya, 1 ändrade och 2 oförändrade skolor');
    expect(again).toContain('namn: Beta skola → Beta skolan');
    expect((await portal.db.select().from(auditEvents).where(eq(auditEvents.action, 'schools.imported'))).length).toBe(
      1,
    );
  });

  it('reports every bad row with its line number and reason, and writes nothing', async () => {
    const { school } = await registerAndSignIn(portal, { name: 'Fri skola' });
    const csv = [
      header,
      municipal('72000001', 'Bra skola', 'Bromma'),
      '7200000;Kort kod;grundskola;Bromma;a@b.example',
      '72000003;Fel skolform;universitet;Bromma;a@b.example',
      '72000004;Okänd stadsdel;grundskola;Atlantis;a@b.example',
      '72000005;Fel adress;grundskola;Bromma;inte-en-adress',
      '72000001;Dubblett;grundskola;Bromma;a@b.example',
      `${school.schoolUnitCode};Fristående;grundskola;Bromma;a@b.example`,
      '72000008;För få kolumner',
      '72000009;Gammal stadsdel;grundskola;Älvsjö;a@b.example',
    ].join('\n');
    const before = await municipalCount();
    const res = await preview(csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Fel: Kommunala skolor');
    expect(html).toContain('Filen har 8 fel. Inget har ändrats.');
    for (const expected of [
      'Rad 3: Skolenhetskoden ska vara 8 siffror',
      'Rad 4: Skolformerna ska vara förskola, grundskola',
      'Rad 5: Stadsdelen ”Atlantis” finns inte bland dagens stadsdelar',
      'Rad 6: Ange funktionsadress i rätt format',
      'Rad 7: Skolenhetskoden finns redan tidigare i filen',
      'Rad 8: Skolenhetskoden tillhör en registrerad fristående skola',
      'Rad 9: Raden ska ha 5 kolumner men har 2',
      'Rad 10: Stadsdelen ”Älvsjö” finns inte bland dagens stadsdelar',
    ])
      expect(html).toContain(expected);
    expect(html).not.toContain('Läs in skolorna');
    expect((await runImport(coordinator, csv)).status).toBe(400);
    expect(await municipalCount()).toBe(before);
  });

  it('refuses a file without the header row, an empty upload, and anyone but the coordinator', async () => {
    expect(await (await preview('70000009;X;grundskola;Bromma;x@y.example')).text()).toContain(
      'Rad 1: Första raden ska vara rubrikerna',
    );
    expect(await (await preview('')).text()).toContain('Välj en CSV-fil att läsa in');
    expect(
      await (
        await preview(
          `${header}\n70000010;Alfa;grundskola;Bromma;a@b.example\n"70000011;Öppet citat;grundskola;Bromma;a@b.example`,
        )
      ).text(),
    ).toContain(
      'Rad 3: Filen går inte att läsa från den här raden. Kontrollera att varje citattecken (&quot;) som inleder en cell också avslutar den',
    );
    const officer = new Visitor(portal);
    await signIn(portal, officer, officerEmail('bromma'));
    expect((await runImport(officer, header)).status).toBe(403);
    for (const path of ['/admin/skolor', '/admin/overenskommelser', '/admin/stadsdelar', '/admin/mallar'])
      expect((await officer.get(path)).status, path).toBe(403);
  });
});

describe('the participation indicator on a known register', () => {
  it('counts independent and municipal schools, valid agreements, waiting sign-offs, per district and city', async () => {
    // Farsta: 2 independent (1 valid, 1 waiting), 2 municipal (none valid). Nowhere else touches Farsta here.
    await confirmedAgreement(portal, 'farsta');
    const waiting = await schoolWithDraft(portal, { district: 'farsta' });
    await signAsSchool(waiting.visitor, waiting.agreementId);
    await runImport(
      coordinator,
      [
        header,
        municipal('73000001', 'Farsta kommunala A', 'Farsta'),
        municipal('73000002', 'Farsta kommunala B', 'Farsta'),
      ].join('\n'),
    );
    await portal.worker.scheduled({ cron: '0 3 * * *', scheduledTime: new Date() });

    const data = (await (await portal.fetch('/api/oppna-data/indikator.json')).json()) as {
      rader: Record<string, string | number>[];
    };
    const farsta = (typ: string) => data.rader.find((r) => r['stadsdel'] === 'Farsta' && r['typ'] === typ);
    expect(farsta('fristaende')).toMatchObject({
      registrerade: 2,
      med_giltig_overenskommelse: 1,
      vantar_pa_bekraftelse: 1,
    });
    expect(farsta('kommunal')).toMatchObject({
      registrerade: 2,
      med_giltig_overenskommelse: 0,
      vantar_pa_bekraftelse: 0,
    });
    const page = await (await new Visitor(portal).get('/statistik/')).text();
    expect(page).toContain('<svg');
    expect(page).toContain('Farsta');
    expect(page).toMatch(/<td>1 \(50 %\)<\/td>/);
  });
});

describe('open data', () => {
  it('contains organisations and functional addresses only, never principals', async () => {
    const { form } = await registerAndSignIn(portal, {
      principalName: 'Hemlig Rektorsson',
      principalEmail: 'hemlig.rektor@skola.example',
    });
    const json = (await (await portal.fetch('/api/oppna-data/skolor.json')).json()) as {
      skolor: Record<string, unknown>[];
      licens: { namn: string };
    };
    expect(json.licens.namn).toContain('CC0');
    for (const item of json.skolor)
      expect(Object.keys(item).sort()).toEqual([
        'funktionsadress',
        'giltig_till',
        'namn',
        'overenskommelse',
        'skolenhetskod',
        'stadsdel',
        'typ',
      ]);
    expect(json.skolor.some((s) => s['skolenhetskod'] === form.schoolUnitCode)).toBe(true);
    const csv = await (await portal.fetch('/api/oppna-data/skolor.csv')).text();
    for (const text of [JSON.stringify(json), csv]) {
      expect(text).not.toContain('Hemlig Rektorsson');
      expect(text).not.toContain('hemlig.rektor@skola.example');
    }
    expect(csv.split('\r\n')[0]).toBe('skolenhetskod;namn;typ;stadsdel;overenskommelse;giltig_till;funktionsadress');
    expect(await (await portal.fetch('/oppna-data/')).text()).toContain('CC0 1.0');
  });
});

describe('open data is safe to open in a spreadsheet and publishes function addresses only', () => {
  type OpenSchool = { skolenhetskod: string; namn: string; funktionsadress: string | null };
  const openJson = async () =>
    ((await (await portal.fetch('/api/oppna-data/skolor.json')).json()) as { skolor: OpenSchool[] }).skolor;
  const openCsv = async () => (await (await portal.fetch('/api/oppna-data/skolor.csv')).text()).split('\r\n');

  it('neutralises a school name that a spreadsheet would run as a formula, and leaves it as it is in JSON', async () => {
    const names = ['=HYPERLINK("https://evil.example","Klicka")', '+SUM(1;2)', '-2+3 skolan', '@SUM(A1) skolan'];
    const codes: string[] = [];
    for (const name of names) codes.push((await registerAndSignIn(portal, { name })).form.schoolUnitCode as string);
    const json = await openJson();
    const csv = await openCsv();
    names.forEach((name, i) => {
      expect(json.find((s) => s.skolenhetskod === codes[i])?.namn).toBe(name);
      const row = csv.find((r) => r.startsWith(`"${codes[i]}";`));
      expect(row, name).toContain(`;"'${name.replace(/"/g, '""')}";`);
    });
  });

  it('publishes no address that is, or was registered as, the principal’s own', async () => {
    const shared = await registerAndSignIn(portal, { name: 'Skola med funktionsbrevlåda' });
    const email = `rektor.egen.${shared.form.schoolUnitCode}@skola.example`;
    const own = await registerAndSignIn(portal, {
      name: 'Skola med rektors adress',
      principalEmail: email,
      contactEmail: email,
    });
    const published = async () =>
      Object.fromEntries((await openJson()).map((s) => [s.skolenhetskod, s.funktionsadress]));
    expect((await published())[shared.form.schoolUnitCode as string]).toBe(shared.form.contactEmail);
    expect((await published())[own.form.schoolUnitCode as string]).toBeNull();
    // A new principal takes over; the old principal's own address is still the school's contact.
    const changed = await own.visitor.post(`/skola/?atgard=rektor&skola=${own.school.id}`, {
      principalName: 'Ny Rektor',
      principalEmail: `ny.${email}`,
    });
    expect(changed.status).toBe(303);
    expect(
      (await new Visitor(portal).post('/logga-in/bekrafta', { token: tokenOf(await linkFor(portal, `ny.${email}`)) }))
        .status,
    ).toBe(303);
    expect((await published())[own.form.schoolUnitCode as string]).toBeNull();
    const csv = (await openCsv()).join('\n');
    expect(csv).not.toContain(email);
    expect(csv).toContain(shared.form.contactEmail as string);
  });
});

describe("the coordinator's desk", () => {
  it('merges a district: new agreements go to the successor, signed ones keep their district', async () => {
    const signed = await confirmedAgreement(portal, 'skarpnack');
    const later = await registerAndSignIn(portal, { district: 'skarpnack' });
    const bad = await coordinator.post('/admin/stadsdelar/skarpnack', {
      name: 'Skarpnäck',
      validTo: '2026-13-45',
      successor: '',
    });
    expect(bad.status).toBe(400);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await coordinator.post('/admin/stadsdelar/skarpnack', {
          name: 'Skarpnäck',
          validTo: yesterday,
          successor: 'farsta',
        })
      ).status,
    ).toBe(303);
    await later.visitor.post('/skola/overenskommelse?atgard=starta', { schoolId: String(later.school.id) });
    const listing = await (
      await later.visitor.get('/skola/overenskommelse/utkast?id=' + (signed.agreementId + 1))
    ).text();
    expect(listing).toContain('stadsdelsförvaltningen Farsta');
    const print = await (await signed.visitor.get(`/overenskommelse/utskrift/${signed.agreementId}`)).text();
    expect(print).toContain('stadsdelsförvaltningen Skarpnäck');
    expect((await portal.db.select().from(auditEvents).where(eq(auditEvents.action, 'district.updated'))).length).toBe(
      1,
    );
  });

  it('moves and removes officers; a removed officer is signed out at once', async () => {
    const officer = new Visitor(portal);
    await signIn(portal, officer, officerEmail('kungsholmen'));
    const admin = await (await coordinator.get('/admin/')).text();
    // The officer's row: the move form follows the e-mail address in the same row.
    const userId = /\?atgard=flytta&(?:amp;)?id=(\d+)/.exec(
      admin.slice(admin.indexOf(officerEmail('kungsholmen'))),
    )?.[1];
    expect(userId).toBeDefined();
    expect((await coordinator.post(`/admin/?atgard=flytta&id=${userId}`, { district: 'bromma' })).status).toBe(303);
    expect(await (await officer.get('/stadsdel/')).text()).toContain('Stadsdelsförvaltningen Bromma');
    expect((await coordinator.post(`/admin/handlaggare/${userId}/ta-bort`, { confirm: 'ja' })).status).toBe(303);
    expect((await officer.get('/stadsdel/')).status).toBe(303);
    const actions = (await portal.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['officer.moved', 'officer.removed']));
  });

  it('lists every agreement, filterable and paged', async () => {
    const html = await (await coordinator.get('/admin/overenskommelser?status=confirmed&typ=fristaende')).text();
    expect(html).toMatch(/\d+ överenskommelser/);
    expect(html).not.toContain('<td>Utkast</td>');
    expect(html).toContain('<td>Giltig</td>');
  });
});

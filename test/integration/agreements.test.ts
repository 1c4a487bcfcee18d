import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, outbox, signatures } from '../../functions/db/schema';
import { sha256Hex } from '../../functions/domain/crypto';
import { signatureStatements } from '../../functions/domain/agreements/statements';
import { Visitor } from '../support/client';
import {
  confirmAsDistrict,
  confirmedAgreement,
  filledAdditions,
  officerOf,
  schoolWithDraft,
  sectionField,
  sha256Of,
  signAsSchool,
} from '../support/agreement-flows';
import { registerAndSignIn, signIn } from '../support/flows';
import { linkFor, startPortal, tokenOf, type Portal } from '../support/portal';
import { summaryFirstInMain } from '../support/form-answers';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

const agreement = async (id: number) => (await portal.db.select().from(agreements).where(eq(agreements.id, id)))[0];
const signatureCount = async (id: number, party: 'school' | 'district') =>
  (
    await portal.db
      .select({ n: count() })
      .from(signatures)
      .where(and(eq(signatures.agreementId, id), eq(signatures.party, party)))
  )[0]?.n ?? 0;

describe('the agreement lifecycle', () => {
  it('draft → preview → school signs → district confirms → valid for a year, verifiable', async () => {
    const { visitor, agreementId, school } = await schoolWithDraft(portal);
    const preview = await (await visitor.get(`/skola/overenskommelse/granska?id=${agreementId}`)).text();
    expect(preview).toContain('Lokalt för kontaktfunktioner');
    const shown = sha256Of(preview);

    expect((await signAsSchool(visitor, agreementId)).headers.get('location')).toBe(
      '/skola/overenskommelse?undertecknad=1',
    );
    const [schoolSig] = await portal.db.select().from(signatures).where(eq(signatures.agreementId, agreementId));
    expect(schoolSig).toMatchObject({
      party: 'school',
      email: school.principalEmail,
      fullName: 'Åsa Öberg',
      documentSha256: shown,
    });
    expect(await sha256Hex(schoolSig!.documentText)).toBe(shown);
    expect((await agreement(agreementId))?.status).toBe('awaiting');

    const officer = await officerOf(portal, 'sodermalm');
    const inbox = await (await officer.get('/stadsdel/inkorg')).text();
    expect(inbox).toContain(school.name);
    expect((await confirmAsDistrict(officer, agreementId)).status).toBe(303);
    const confirmed = await agreement(agreementId);
    expect(confirmed?.status).toBe('confirmed');
    const from = new Date(`${confirmed?.validFrom}T00:00:00Z`);
    expect(confirmed?.validTo).toBe(
      new Date(Date.UTC(from.getUTCFullYear() + 1, from.getUTCMonth(), from.getUTCDate() - 1))
        .toISOString()
        .slice(0, 10),
    );
    expect(await (await visitor.get('/skola/overenskommelse')).text()).toContain('Giltig');
    const [letter] = await portal.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.to, school.contactEmail), eq(outbox.subject, 'Samverkansöverenskommelsen är bekräftad')));
    expect(letter).toBeDefined();

    const print = await (await visitor.get(`/overenskommelse/utskrift/${agreementId}`)).text();
    expect(print).toContain('Karin Handläggare');
    expect(print).toContain('Åsa Öberg');
    expect(print).toContain(shown);
    const verify = await (await new Visitor(portal).get(`/verifiera?kod=${confirmed?.verificationCode}`)).text();
    expect(verify).toContain('Överenskommelsen är oförändrad');
    expect(verify).toContain('Giltig');
    expect(verify).not.toContain('Åsa Öberg');
  });

  it('a returned agreement goes back to the school, which changes it and signs again', async () => {
    const { visitor, agreementId } = await schoolWithDraft(portal, { district: 'farsta' });
    await signAsSchool(visitor, agreementId);
    const officer = await officerOf(portal, 'farsta');
    const empty = await officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=returnera`, { comment: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Fyll i kommentaren');
    const res = await officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=returnera`, {
      comment: 'Lägg till elevhälsan i mötesplanen.',
    });
    expect(res.status).toBe(303);
    expect((await agreement(agreementId))?.status).toBe('returned');
    expect(await (await visitor.get('/skola/overenskommelse')).text()).toContain('Lägg till elevhälsan i mötesplanen.');

    const changed = {
      ...(await filledAdditions(portal)),
      [sectionField('moten')]: 'Två möten per termin, elevhälsan deltar.',
      action: 'granska',
    };
    expect((await visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, changed)).status).toBe(303);
    expect((await signAsSchool(visitor, agreementId)).status).toBe(303);
    expect(await signatureCount(agreementId, 'school')).toBe(2);
    expect((await confirmAsDistrict(officer, agreementId)).status).toBe(303);
    expect((await agreement(agreementId))?.status).toBe('confirmed');
  });
});

describe('order and ownership are enforced on the server', () => {
  it('refuses to confirm what the school has not signed', async () => {
    const { agreementId } = await schoolWithDraft(portal, { district: 'bromma' });
    const officer = await officerOf(portal, 'bromma');
    const res = await officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=bekrafta`, {
      fullName: 'Karin Handläggare',
      statement: 'ja',
      documentSha256: 'a'.repeat(64),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Skolan har inte skrivit under överenskommelsen ännu');
    expect(await signatureCount(agreementId, 'district')).toBe(0);
  });

  it('refuses another district’s officer, another school, and a contact who is not the principal', async () => {
    const { visitor, agreementId, form } = await schoolWithDraft(portal, { district: 'kungsholmen' });
    const other = await schoolWithDraft(portal, { district: 'kungsholmen' });
    const stranger = await other.visitor.post(`/skola/overenskommelse/granska?id=${agreementId}`, {
      fullName: 'Fel Person',
      statement: 'ja',
      documentSha256: 'a'.repeat(64),
    });
    expect(stranger.status).toBe(403);

    const contact = new Visitor(portal);
    await signIn(portal, contact, form.contactEmail as string);
    const preview = await (await contact.get(`/skola/overenskommelse/granska?id=${agreementId}`)).text();
    expect(preview).toContain('Skolans rektor skriver under');
    const bySecretary = await contact.post(`/skola/overenskommelse/granska?id=${agreementId}`, {
      fullName: 'Kansliet',
      statement: 'ja',
      documentSha256: 'a'.repeat(64),
    });
    expect(bySecretary.status).toBe(403);
    expect(await bySecretary.text()).toContain('Bara skolans rektor kan skriva under');

    await signAsSchool(visitor, agreementId);
    const wrongDistrict = await officerOf(portal, 'bromma');
    expect((await wrongDistrict.get(`/stadsdel/overenskommelse/${agreementId}`)).status).toBe(404);
    const foreign = await wrongDistrict.post(`/stadsdel/overenskommelse/${agreementId}?atgard=bekrafta`, {
      fullName: 'Fel Stadsdel',
      statement: 'ja',
      documentSha256: 'a'.repeat(64),
    });
    expect(foreign.status).toBe(403);
    expect(await signatureCount(agreementId, 'district')).toBe(0);
    expect(await wrongDistrict.get('/stadsdel/inkorg').then((r) => r.text())).not.toContain(form.name as string);
  });

  it('refuses to sign an agreement that changed after the preview', async () => {
    const { visitor, agreementId } = await schoolWithDraft(portal);
    const preview = await (await visitor.get(`/skola/overenskommelse/granska?id=${agreementId}`)).text();
    await visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, {
      ...(await filledAdditions(portal)),
      [sectionField('lokala-rutiner')]: 'Ändrad rutin.',
      action: 'spara',
    });
    const res = await visitor.post(`/skola/overenskommelse/granska?id=${agreementId}`, {
      fullName: 'Åsa Öberg',
      statement: 'ja',
      documentSha256: sha256Of(preview),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('har ändrats sedan du granskade den');
    expect(await signatureCount(agreementId, 'school')).toBe(0);
  });

  it('refuses text that looks like a personnummer, explaining why', async () => {
    const { visitor, agreementId } = await schoolWithDraft(portal);
    const res = await visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, {
      ...(await filledAdditions(portal)),
      [sectionField('lokala-rutiner')]: 'Gäller eleven 20100101-1234.',
      action: 'spara',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(
      'Texten ser ut att innehålla ett personnummer. Skriv aldrig uppgifter om enskilda elever i överenskommelsen.',
    );
    expect(html).toContain('Gäller eleven 20100101-1234.');
    expect(JSON.stringify((await agreement(agreementId))?.additions)).not.toContain('20100101');
  });

  it('needs every local addition before signing, but saves a partial draft', async () => {
    const school = await schoolWithDraft(portal);
    const partial = { ...(await filledAdditions(portal)), [sectionField('uppfoljning')]: '' };
    expect(
      (
        await school.visitor.post(`/skola/overenskommelse/utkast?id=${school.agreementId}`, {
          ...partial,
          action: 'spara',
        })
      ).status,
    ).toBe(303);
    const toPreview = await school.visitor.post(`/skola/overenskommelse/utkast?id=${school.agreementId}`, {
      ...partial,
      action: 'granska',
    });
    expect(toPreview.status).toBe(400);
    expect(await toPreview.text()).toContain('Fyll i datum för uppföljning');
  });
});

describe('once and only once', () => {
  it('counts a double-submitted signature once', async () => {
    const { visitor, agreementId } = await schoolWithDraft(portal);
    const preview = await (await visitor.get(`/skola/overenskommelse/granska?id=${agreementId}`)).text();
    const body = { fullName: 'Åsa Öberg', statement: 'ja', documentSha256: sha256Of(preview) };
    const results = await Promise.all([
      visitor.post(`/skola/overenskommelse/granska?id=${agreementId}`, body),
      visitor.post(`/skola/overenskommelse/granska?id=${agreementId}`, body),
    ]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    expect(await signatureCount(agreementId, 'school')).toBe(1);
  });

  it('lets two officers confirming at once make one confirmation', async () => {
    const { visitor, agreementId } = await schoolWithDraft(portal, { district: 'skarpnack' });
    await signAsSchool(visitor, agreementId);
    const first = await officerOf(portal, 'skarpnack');
    const coordinator = new Visitor(portal);
    await signIn(portal, coordinator, 'samordnare@stockholm.example');
    await coordinator.post('/admin/?atgard=bjud-in', {
      name: 'Andra Handläggaren',
      email: 'andra.skarpnack@stockholm.example',
      district: 'skarpnack',
    });
    const second = new Visitor(portal);
    await second.post('/logga-in/bekrafta', {
      token: tokenOf(await linkFor(portal, 'andra.skarpnack@stockholm.example')),
    });
    const pages = await Promise.all(
      [first, second].map(async (o) =>
        sha256Of(await (await o.get(`/stadsdel/overenskommelse/${agreementId}`)).text()),
      ),
    );
    const results = await Promise.all(
      [first, second].map((o, i) =>
        o.post(`/stadsdel/overenskommelse/${agreementId}?atgard=bekrafta`, {
          fullName: `Handläggare ${i}`,
          statement: 'ja',
          documentSha256: pages[i] ?? '',
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await signatureCount(agreementId, 'district')).toBe(1);
  });
});

describe('revision', () => {
  it('starts a new version from the old one; the old stays readable and is replaced on confirmation', async () => {
    const { visitor, agreementId, officer } = await confirmedAgreement(portal);
    expect((await visitor.post(`/skola/overenskommelse?atgard=revidera&id=${agreementId}`, {})).status).toBe(303);
    const [revision] = await portal.db.select().from(agreements).where(eq(agreements.revisionOf, agreementId));
    expect(revision?.status).toBe('draft');
    expect(revision?.additions).toEqual((await agreement(agreementId))?.additions);
    expect((await visitor.get(`/overenskommelse/utskrift/${agreementId}`)).status).toBe(200);
    await visitor.post(`/skola/overenskommelse/utkast?id=${revision!.id}`, {
      ...(await filledAdditions(portal)),
      action: 'granska',
    });
    await signAsSchool(visitor, revision!.id);
    expect((await confirmAsDistrict(officer, revision!.id)).status).toBe(303);
    expect((await agreement(agreementId))?.status).toBe('replaced');
  });
});

// Each form answers at its own page, the GOV.UK way: a mistake comes back on the page that was
// posted (never an /api address), its error summary first in main and focused; success is a 303.
describe('the agreement forms answer on their own pages', () => {
  type Answer = Awaited<ReturnType<Visitor['post']>>;
  async function expectShownAgain(res: Answer, status: number, title: string, message: string) {
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toContain(`<title>Fel: ${title}`);
    expect(html).toMatch(summaryFirstInMain);
    expect(html).toContain(message);
    // (The header's sign-out form is not one of these.)
    expect(html.slice(html.indexOf('<main'), html.indexOf('</main>'))).not.toContain('/api/');
  }

  it('starting and revising, on /skola/overenskommelse', async () => {
    const { visitor, school } = await registerAndSignIn(portal, { district: 'hasselby-vallingby' });
    const other = await registerAndSignIn(portal, { district: 'hasselby-vallingby' });
    await expectShownAgain(
      await visitor.post('/skola/overenskommelse?atgard=starta', { schoolId: String(other.school.id) }),
      403,
      'Samverkansöverenskommelse',
      'Du har inte behörighet till det här.',
    );
    const started = await visitor.post('/skola/overenskommelse?atgard=starta', { schoolId: String(school.id) });
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toMatch(/^\/skola\/overenskommelse\/utkast\?id=\d+$/);
    // The id in the query is checked like any answer: another school's agreement is refused.
    const agreementId = Number(started.headers.get('location')?.split('=')[1]);
    await expectShownAgain(
      await other.visitor.post(`/skola/overenskommelse?atgard=revidera&id=${agreementId}`, {}),
      403,
      'Samverkansöverenskommelse',
      'Du har inte behörighet till det här.',
    );
    expect(
      (await visitor.post(`/skola/overenskommelse?atgard=revidera&id=${agreementId}`, {})).headers.get('location'),
    ).toBe(`/skola/overenskommelse/utkast?id=${agreementId}`);
  });

  it('the draft, on /skola/overenskommelse/utkast, and signing, on /skola/overenskommelse/granska', async () => {
    const { visitor, agreementId, school } = await schoolWithDraft(portal, { district: 'hasselby-vallingby' });
    const draftTitle = `Överenskommelse för ${school.name}`;
    const wrong = {
      ...(await filledAdditions(portal)),
      [sectionField('lokala-rutiner')]: 'Gäller eleven 20100101-1234.',
      action: 'spara',
    };
    await expectShownAgain(
      await visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, wrong),
      400,
      draftTitle,
      'Texten ser ut att innehålla ett personnummer',
    );
    const saved = await visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, {
      ...(await filledAdditions(portal)),
      action: 'spara',
    });
    expect(saved.headers.get('location')).toBe(`/skola/overenskommelse/utkast?id=${agreementId}&sparat=1`);
    const preview = await (await visitor.get(`/skola/overenskommelse/granska?id=${agreementId}`)).text();
    const unticked = await visitor.post(`/skola/overenskommelse/granska?id=${agreementId}`, {
      fullName: 'Åsa Öberg',
      documentSha256: sha256Of(preview),
    });
    await expectShownAgain(unticked, 400, 'Granska överenskommelsen', 'Kryssa i att du har läst överenskommelsen');
    expect((await signAsSchool(visitor, agreementId)).status).toBe(303);
  });

  it('confirming and returning, on /stadsdel/overenskommelse/[id]; only the posted form gets its answers back', async () => {
    const { visitor, agreementId, school } = await schoolWithDraft(portal, { district: 'hasselby-vallingby' });
    await signAsSchool(visitor, agreementId);
    const officer = await officerOf(portal, 'hasselby-vallingby');
    const title = `Överenskommelse med ${school.name}`;
    const page = await (await officer.get(`/stadsdel/overenskommelse/${agreementId}`)).text();
    const nameless = await officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=bekrafta`, {
      fullName: '',
      statement: 'ja',
      documentSha256: sha256Of(page),
    });
    await expectShownAgain(nameless, 400, title, 'Ange ditt fullständiga namn');
    const empty = await officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=returnera`, { comment: '   ' });
    const html = await empty.text();
    expect(empty.status).toBe(400);
    expect(html).toMatch(summaryFirstInMain);
    expect(html).toContain('id="comment-error"');
    expect(html).not.toContain('id="fullName-error"');
    const res = await officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=returnera`, {
      comment: 'Lägg till elevhälsan.',
    });
    expect(res.headers.get('location')).toBe('/stadsdel/inkorg?returnerad=1');
    // Returned: confirming now is refused by the rules, on the same page.
    const late = await officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=bekrafta`, {
      fullName: 'Karin Handläggare',
      statement: 'ja',
      documentSha256: sha256Of(page),
    });
    await expectShownAgain(late, 409, title, 'Överenskommelsen har redan skickats tillbaka');
  });

  it('the contact function, on /stadsdel/kontakt', async () => {
    const officer = await officerOf(portal, 'hasselby-vallingby');
    const contact = {
      contactFunction: 'Mottagningen Västerort',
      contactEmail: 'mottagning.hv@stockholm.example',
      contactPhone: '08-508 000 00',
      contactHours: 'Vardagar 8–16',
    };
    await expectShownAgain(
      await officer.post('/stadsdel/kontakt', { ...contact, contactPhone: 'ring' }),
      400,
      'Kontaktfunktion',
      'href="#contactPhone"',
    );
    expect((await officer.post('/stadsdel/kontakt', contact)).headers.get('location')).toBe(
      '/stadsdel/kontakt?sparat=1',
    );
  });

  it('another school gets a 403 without seeing the agreement it posted to', async () => {
    const { agreementId, school } = await schoolWithDraft(portal, { district: 'hasselby-vallingby' });
    const other = await registerAndSignIn(portal, { district: 'hasselby-vallingby' });
    const res = await other.visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, {
      ...(await filledAdditions(portal)),
      action: 'spara',
    });
    await expectShownAgain(res, 403, 'Det gick inte att skicka formuläret', 'Du har inte behörighet till det här.');
    expect(
      await (await other.visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, {})).text(),
    ).not.toContain(school.name);
  });
});

describe('each signature statement is one text', () => {
  const labelOf = (html: string) => /<label for="statement">([^<]*)<\/label>/.exec(html)?.[1];

  it('the box each signer ticks is labelled with exactly the statement stored with their signature', async () => {
    const { visitor, agreementId } = await schoolWithDraft(portal, { district: 'hasselby-vallingby' });
    const shownToSchool = labelOf(await (await visitor.get(`/skola/overenskommelse/granska?id=${agreementId}`)).text());
    await signAsSchool(visitor, agreementId);
    const officer = await officerOf(portal, 'hasselby-vallingby');
    const shownToDistrict = labelOf(await (await officer.get(`/stadsdel/overenskommelse/${agreementId}`)).text());
    expect((await confirmAsDistrict(officer, agreementId)).status).toBe(303);
    const stored = await portal.db.select().from(signatures).where(eq(signatures.agreementId, agreementId));
    expect(stored.find((s) => s.party === 'school')?.statement).toBe(shownToSchool);
    expect(stored.find((s) => s.party === 'district')?.statement).toBe(shownToDistrict);
    expect([shownToSchool, shownToDistrict]).toEqual([signatureStatements.school, signatureStatements.district]);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, schools } from '../../functions/db/schema';
import { coordinatorEmail } from '../../functions/db/seed-accounts';
import { filledAdditions, officerOf, sha256Of, schoolWithDraft, signAsSchool } from '../support/agreement-flows';
import { Visitor, fillInRegistration, register, validRegistration } from '../support/client';
import { signIn } from '../support/flows';
import { unescaped } from '../support/hostile';
import { startPortal, type Portal } from '../support/portal';

// Markup is legitimate text in a name or a comment, so the portal takes it and stores it. Every
// page that shows it — the school's own, the district's lists, the coordinator's, the public
// district page, the printed agreement — must show it as text.

const payload = (where: string) => `<script>alert('${where}')</script>"><b>`;
const school = {
  name: payload('namn'),
  organizerName: payload('huvudman'),
  streetAddress: payload('adress'),
  postalTown: payload('ort'),
  principalName: payload('rektor'),
};
const others = {
  fullName: payload('underskrift'),
  confirmedBy: payload('bekräftelse'),
  section: payload('tillägg'),
  comment: payload('kommentar'),
  officer: payload('handläggare'),
  contact: payload('kontakt'),
};
const everything = [...Object.values(school), ...Object.values(others)];

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

/** The page answers, and whatever it shows of the payloads, it shows as text. */
async function expectEscaped(visitor: Visitor, path: string, mustShow: string[] = []) {
  const res = await visitor.get(path);
  const html = await res.text();
  expect(res.status, path).toBeLessThan(500);
  expect(unescaped(html, everything), path).toEqual([]);
  for (const where of mustShow) expect(html, `${path} shows ${where}`).toContain(`&lt;script&gt;alert(`);
}

describe('a school registered with markup in every text field', () => {
  it('is stored as sent and shown as text everywhere it appears', { timeout: 60_000 }, async () => {
    const a = await schoolWithDraft(portal, { ...school, district: 'bromma' });
    const officer = await officerOf(portal, 'bromma');
    const coordinator = new Visitor(portal);
    await signIn(portal, coordinator, coordinatorEmail);
    const [stored] = await portal.db.select().from(schools).where(eq(schools.id, a.school.id));
    expect(stored?.name).toBe(school.name);

    const additions = await filledAdditions(portal);
    const section = Object.keys(additions).find((k) => k.startsWith('section.')) ?? '';
    expect(
      (
        await a.visitor.post(`/skola/overenskommelse/utkast?id=${a.agreementId}`, {
          ...additions,
          [section]: others.section,
          action: 'granska',
        })
      ).status,
    ).toBe(303);
    const preview = await (await a.visitor.get(`/skola/overenskommelse/granska?id=${a.agreementId}`)).text();
    const signed = await a.visitor.post(`/skola/overenskommelse/granska?id=${a.agreementId}`, {
      fullName: others.fullName,
      statement: 'ja',
      documentSha256: sha256Of(preview),
    });
    expect(signed.status).toBe(303);

    for (const path of [
      '/skola/',
      '/skola/overenskommelse/',
      `/skola/overenskommelse/granska?id=${a.agreementId}`,
      `/overenskommelse/utskrift/${a.agreementId}`,
    ])
      await expectEscaped(a.visitor, path, ['namn']);
    for (const path of ['/stadsdel/', '/stadsdel/inkorg', `/stadsdel/overenskommelse/${a.agreementId}`])
      await expectEscaped(officer, path, ['namn']);
    await expectEscaped(coordinator, `/overenskommelse/utskrift/${a.agreementId}`, ['namn']);
    await expectEscaped(new Visitor(portal), '/dev/mail', ['namn']);

    const returned = await officer.post(`/stadsdel/overenskommelse/${a.agreementId}?atgard=returnera`, {
      comment: others.comment,
    });
    expect(returned.status).toBe(303);
    await expectEscaped(a.visitor, '/skola/overenskommelse/', ['kommentar']);
  });

  it('is shown as text on the check page before it is sent, and when the form comes back with errors', async () => {
    const visitor = new Visitor(portal);
    expect((await fillInRegistration(visitor, validRegistration(school))).status).toBe(303);
    const check = await visitor.get('/registrera/kontrollera');
    expect(check.status).toBe(200);
    expect(unescaped(await check.text(), everything)).toEqual([]);
    const invalid = await fillInRegistration(
      visitor,
      validRegistration({ ...school, postcode: payload('postnummer') }),
    );
    expect(invalid.status).toBe(400);
    expect(unescaped(await invalid.text(), [...everything, payload('postnummer')])).toEqual([]);
  });
});

describe('values that are normalised rather than refused', () => {
  it('a name in decomposed Unicode (NFD) is stored composed, and a school form sent twice counts once', async () => {
    const form = validRegistration({ name: 'Ska\u030agårdsskolan', forms: ['grundskola', 'grundskola', 'forskola'] });
    expect((await register(new Visitor(portal), form)).status).toBe(303);
    const [stored] = await portal.db
      .select()
      .from(schools)
      .where(eq(schools.schoolUnitCode, form.schoolUnitCode as string));
    expect(stored?.name).toBe('Skågårdsskolan');
    expect(stored?.forms).toEqual(['grundskola', 'forskola']);
  });
});

describe('markup from the district and the coordinator', () => {
  it('a contact function with markup is shown as text on the public district page', async () => {
    const officer = await officerOf(portal, 'farsta');
    const res = await officer.post('/stadsdel/kontakt', {
      contactFunction: others.contact,
      contactEmail: 'mottagning@stockholm.example',
      contactPhone: '08-508 000 00',
      contactHours: others.contact,
    });
    expect(res.status).toBe(303);
    await expectEscaped(new Visitor(portal), '/stadsdelar/farsta/', ['kontakt']);
    await expectEscaped(officer, '/stadsdel/kontakt');
  });

  it('an officer invited with markup in the name is shown as text in the coordinator’s list', async () => {
    const coordinator = new Visitor(portal);
    await signIn(portal, coordinator, coordinatorEmail);
    const res = await coordinator.post('/admin/?atgard=bjud-in', {
      name: others.officer,
      email: 'markup.handlaggare@stockholm.example',
      district: 'kungsholmen',
    });
    expect(res.status).toBe(303);
    await expectEscaped(coordinator, '/admin/', ['handläggare']);
  });

  it('a confirmed agreement with markup is shown as text to its school, its district, the city and the public check', async () => {
    const a = await schoolWithDraft(portal, { ...school, district: 'skarholmen' });
    expect((await signAsSchool(a.visitor, a.agreementId)).status).toBe(303);
    const officer = await officerOf(portal, 'skarholmen');
    const page = await (await officer.get(`/stadsdel/overenskommelse/${a.agreementId}`)).text();
    const confirmed = await officer.post(`/stadsdel/overenskommelse/${a.agreementId}?atgard=bekrafta`, {
      fullName: others.confirmedBy,
      statement: 'ja',
      documentSha256: sha256Of(page),
    });
    expect(confirmed.status).toBe(303);
    const coordinator = new Visitor(portal);
    await signIn(portal, coordinator, coordinatorEmail);
    for (const who of [a.visitor, officer, coordinator])
      await expectEscaped(who, `/overenskommelse/utskrift/${a.agreementId}`, ['namn']);
    const [agreement] = await portal.db.select().from(agreements).where(eq(agreements.id, a.agreementId));
    await expectEscaped(new Visitor(portal), `/verifiera?kod=${agreement?.verificationCode}`, ['namn']);
  });
});

describe('markup in addresses and query strings', () => {
  it.each([
    ['/sok?q=', 200],
    ['/verifiera?kod=', 200],
    ['/logga-in/bekrafta?token=', 200],
    ['/registrera/klar?referens=', 200],
    ['/stadsdelar/', 404],
    ['/overenskommelse/version/', 404],
  ])('%s<markup> answers %i and shows it as text, if at all', async (path, status) => {
    const res = await new Visitor(portal).get(`${path}${encodeURIComponent(payload('adressfältet'))}`);
    expect(res.status).toBe(status);
    expect(unescaped(await res.text(), [payload('adressfältet')])).toEqual([]);
  });
});

import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violates } from '../../functions/db/constraints';
import { auditEvents, districts, memberships, outbox, sessions, signInTokens, users } from '../../functions/db/schema';
import { seedDatabase } from '../../functions/db/seed';
import { coordinatorEmail, officerEmail, seedDemoAccounts } from '../../functions/db/seed-accounts';
import { sha256Hex } from '../../functions/domain/crypto';
import { listCurrentDistricts } from '../../functions/domain/districts';
import { stockholmDayPlus } from '../../functions/domain/time';
import { messages } from '../../functions/messages';
import { Visitor, fillInRegistration, validRegistration } from '../support/client';
import { testUnitCode } from '../support/register-units';
import { signIn } from '../support/flows';
import { linkFor, startPortal, tokenOf, type Portal } from '../support/portal';

// The people behind the record: every role exists once, an invitation or removal means what it
// says, a removed officer's old link opens nothing, and districts are offered only while they exist.

let portal: Portal;
let coordinator: Visitor;
beforeAll(async () => {
  portal = await startPortal();
  coordinator = new Visitor(portal);
  await signIn(portal, coordinator, coordinatorEmail);
});
afterAll(async () => portal?.close());

const userIdOf = async (email: string) =>
  (await portal.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? 0;
const officerRoles = async (email: string) =>
  (
    await portal.db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.userId, await userIdOf(email)), eq(memberships.role, 'officer')))
  )[0]?.n;
const eventsOf = async (action: string) =>
  (await portal.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]?.n ?? 0;
const mailsTo = async (to: string) =>
  (await portal.db.select({ n: count() }).from(outbox).where(eq(outbox.to, to)))[0]?.n ?? 0;

describe('every role exists once', () => {
  it('seeding again adds no second officer or coordinator role', async () => {
    await seedDatabase({ db: portal.db });
    await seedDemoAccounts({ db: portal.db });
    const current = await listCurrentDistricts({ db: portal.db });
    const officers = await portal.db.select().from(memberships).where(eq(memberships.role, 'officer'));
    expect(officers).toHaveLength(current.length);
    for (const d of current) expect(await officerRoles(officerEmail(d.slug)), d.slug).toBe(1);
    const coordinators = await portal.db.select().from(memberships).where(eq(memberships.role, 'coordinator'));
    expect(coordinators).toHaveLength(1);
    const desk = await (await coordinator.get('/admin/')).text();
    expect(desk).toContain(`${current.length} handläggare`);
  });

  it('the schema refuses the same role twice, also without a school or a district', async () => {
    const officer = await userIdOf(officerEmail('bromma'));
    const [bromma] = await portal.db.select().from(districts).where(eq(districts.slug, 'bromma'));
    const twice = [
      portal.db
        .insert(memberships)
        .values({ userId: officer, role: 'officer', districtId: bromma!.id, createdAt: new Date().toISOString() }),
      portal.db
        .insert(memberships)
        .values({ userId: await userIdOf(coordinatorEmail), role: 'coordinator', createdAt: new Date().toISOString() }),
    ];
    for (const insert of twice) {
      const error = await insert.then(
        () => null,
        (e: unknown) => e,
      );
      expect(violates(error, 'unique', 'memberships_one_role'), String(error)).toBe(true);
    }
  });
});

describe('inviting and removing officers', () => {
  it('inviting the same person to the same district again says so and sends nothing', async () => {
    const email = 'tva.ganger@stockholm.example';
    expect(
      (await coordinator.post('/admin/?atgard=bjud-in', { name: 'Två Gånger', email, district: 'farsta' })).headers.get(
        'location',
      ),
    ).toBe('/admin/?inbjuden=1');
    const [mails, invited] = [await mailsTo(email), await eventsOf('officer.invited')];
    const again = await coordinator.post('/admin/?atgard=bjud-in', { name: 'Två Gånger', email, district: 'farsta' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(messages.fields.alreadyOfficer(email, 'Farsta'));
    expect(await officerRoles(email)).toBe(1);
    expect(await mailsTo(email)).toBe(mails);
    expect(await eventsOf('officer.invited')).toBe(invited);
  });

  it('removes an officer only after the confirmation page', async () => {
    const email = officerEmail('skarpnack');
    const id = await userIdOf(email);
    const removed = await eventsOf('officer.removed');
    for (const fields of [{}, { confirm: 'nej' }]) {
      const refused = await coordinator.post(`/admin/handlaggare/${id}/ta-bort`, fields);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(messages.fields.confirmRemoval);
    }
    expect(await officerRoles(email)).toBe(1);
    expect(await eventsOf('officer.removed')).toBe(removed);
    const page = await (await coordinator.get(`/admin/handlaggare/${id}/ta-bort`)).text();
    expect(page).toContain('Vill du ta bort Handläggare Skarpnäck som handläggare för Skarpnäck?');
    expect(page).toContain('name="confirm" value="ja"');
    expect((await coordinator.get(`/admin/handlaggare/${await userIdOf(coordinatorEmail)}/ta-bort`)).status).toBe(404);
    expect(
      (await coordinator.post(`/admin/handlaggare/${id}/ta-bort`, { confirm: 'ja' })).headers.get('location'),
    ).toBe('/admin/?borttagen=1');
    expect(await officerRoles(email)).toBe(0);
  });

  it('a removed officer who opens an old sign-in link is told they no longer have access, and nothing is written', async () => {
    const email = officerEmail('farsta');
    await new Visitor(portal).post('/logga-in', { email });
    const token = tokenOf(await linkFor(portal, email));
    const id = await userIdOf(email);
    expect((await coordinator.post(`/admin/handlaggare/${id}/ta-bort`, { confirm: 'ja' })).status).toBe(303);
    const signedIn = await eventsOf('user.signed_in');
    const res = await new Visitor(portal).post('/logga-in/bekrafta', { token });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('__Host-session');
    expect(await res.text()).toContain('Du har inte längre behörighet i Samverkansportalen');
    expect((await portal.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, id)))[0]?.n).toBe(0);
    const [row] = await portal.db
      .select()
      .from(signInTokens)
      .where(and(eq(signInTokens.tokenHash, await sha256Hex(token)), isNull(signInTokens.usedAt)));
    expect(row).toBeDefined();
    expect(await eventsOf('user.signed_in')).toBe(signedIn);
  });
});

describe('districts as dated data', () => {
  const tomorrow = stockholmDayPlus(new Date(), 1);
  const yesterday = stockholmDayPlus(new Date(), -1);

  it('the coordinator adds a district; until its first day nothing new is offered it, but the admin list shows it', async () => {
    const res = await coordinator.post('/admin/stadsdelar', {
      name: 'Kommande stadsdelen',
      slug: 'kommande',
      validFrom: tomorrow,
    });
    expect(res.headers.get('location')).toBe('/admin/stadsdelar?tillagd=kommande');
    expect(await eventsOf('district.added')).toBe(1);
    const admin = await (await coordinator.get('/admin/stadsdelar?tillagd=kommande')).text();
    expect(admin).toContain('Kommande stadsdelen är tillagd.');
    expect(admin).toContain('Kommande stadsdelen</a>');
    // The districts are offered on the registration's second step, once a code is looked up.
    await coordinator.post('/registrera', { schoolUnitCode: testUnitCode() });
    for (const path of ['/registrera/uppgifter', '/stadsdelar/', '/admin/'])
      expect(await (await coordinator.get(path)).text(), path).not.toContain('Kommande stadsdelen');
    expect(await (await new Visitor(portal).get('/stadsdelar/kommande/')).text()).toContain(
      'Stadsdelsnämnden Kommande stadsdelen bildas',
    );
    const invite = await coordinator.post('/admin/?atgard=bjud-in', {
      name: 'För Tidig',
      email: 'for.tidig@stockholm.example',
      district: 'kommande',
    });
    expect(invite.status).toBe(400);
    expect(await invite.text()).toContain(messages.fields.chooseDistrict);
    const registration = await fillInRegistration(new Visitor(portal), validRegistration({ district: 'kommande' }));
    expect(await registration.text()).toContain(messages.fields.district);
    const csv = `skolenhetskod;namn;skolformer;stadsdel;funktionsadress\n70009001;Tidiga skolan;grundskola;kommande;tidiga@edu.stockholm.example`;
    expect(await (await coordinator.post('/admin/skolor?atgard=forhandsgranska', { csv })).text()).toContain(
      'Stadsdelen ”kommande” finns inte bland dagens stadsdelar',
    );
  });

  it('refuses a slug in use and a badly written date at the field, writing nothing', async () => {
    const before = (await portal.db.select({ n: count() }).from(districts))[0]?.n;
    const taken = await coordinator.post('/admin/stadsdelar', {
      name: 'Bromma igen',
      slug: 'bromma',
      validFrom: '2030-01-01',
    });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain(messages.fields.districtSlugTaken);
    const bad = await coordinator.post('/admin/stadsdelar', {
      name: 'Ny',
      slug: 'Ny Stadsdel',
      validFrom: '2030-02-30',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain(messages.fields.districtSlug);
    expect(html).toContain(messages.fields.districtValidFrom);
    expect((await portal.db.select({ n: count() }).from(districts))[0]?.n).toBe(before);
  });

  it('a district whose last day has passed is offered for nothing new, and its page tells its history', async () => {
    const res = await coordinator.post('/admin/stadsdelar/skarholmen', {
      name: 'Skärholmen',
      validTo: yesterday,
      successor: 'hagersten-alvsjo',
    });
    expect(res.status).toBe(303);
    await coordinator.post('/registrera', { schoolUnitCode: testUnitCode() });
    for (const path of ['/registrera/uppgifter', '/stadsdelar/'])
      expect(await (await coordinator.get(path)).text(), path).not.toContain('value="skarholmen"');
    expect(await (await coordinator.get('/stadsdelar/')).text()).not.toContain('/stadsdelar/skarholmen/');
    expect(await (await coordinator.get('/admin/stadsdelar')).text()).toContain('Upphört');
    expect(await (await new Visitor(portal).get('/stadsdelar/skarholmen/')).text()).toContain('Den ersattes av');
    const invite = await coordinator.post('/admin/?atgard=bjud-in', {
      name: 'För Sen',
      email: 'for.sen@stockholm.example',
      district: 'skarholmen',
    });
    expect(invite.status).toBe(400);
  });

  it('the coordinator’s page for a district shows its contact function and who edits it', async () => {
    const officer = new Visitor(portal);
    await signIn(portal, officer, officerEmail('bromma'));
    await officer.post('/stadsdel/kontakt', {
      contactFunction: 'Mottagningen Bromma',
      contactEmail: 'mottagning.bromma@stockholm.example',
      contactPhone: '08-508 000 00',
      contactHours: 'Vardagar 8–16',
    });
    const page = await (await coordinator.get('/admin/stadsdelar/bromma')).text();
    expect(page).toContain('Mottagningen Bromma');
    expect(page).toContain('Kontaktfunktionen ändras av stadsdelens egna handläggare');
  });
});

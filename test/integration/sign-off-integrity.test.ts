import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreements,
  auditEvents,
  memberships,
  outbox,
  schools,
  sessions,
  signatures,
  users,
} from '../../functions/db/schema';
import { coordinatorEmail, officerEmail } from '../../functions/db/seed-accounts';
import { loadAgreementDocument } from '../../functions/domain/agreements/load-agreement';
import { sha256Hex } from '../../functions/domain/crypto';
import { messages } from '../../functions/messages';
import {
  confirmAsDistrict,
  filledAdditions,
  officerOf,
  schoolWithDraft,
  sectionField,
  sha256Of,
  signAsSchool,
} from '../support/agreement-flows';
import { Visitor, register, validRegistration } from '../support/client';
import { registerAndSignIn, signIn } from '../support/flows';
import { linkFor, startPortal, tokenOf, type Portal } from '../support/portal';

// Issue 9: the record of who signed what cannot be bent — by the school's other accounts, by
// requests that race, or by a refused action that still leaves traces.

let portal: Portal;
let coordinator: Visitor;
beforeAll(async () => {
  portal = await startPortal();
  coordinator = new Visitor(portal);
  await signIn(portal, coordinator, coordinatorEmail);
});
afterAll(async () => portal?.close());

const agreement = async (id: number) => (await portal.db.select().from(agreements).where(eq(agreements.id, id)))[0];
const events = async (action: string, subjectId: string) =>
  portal.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId)));
const mails = async (to: string, subject?: string) =>
  portal.db
    .select()
    .from(outbox)
    .where(subject ? and(eq(outbox.to, to), eq(outbox.subject, subject)) : eq(outbox.to, to));
const roleOf = async (email: string, schoolId: number) =>
  (
    await portal.db
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, email), eq(memberships.schoolId, schoolId)))
  ).map((r) => r.role);

describe('who may sign', () => {
  it('the function mailbox cannot make itself principal, change the address or sign', async () => {
    const { form, school, agreementId } = await schoolWithDraft(portal, { district: 'bromma' });
    const contact = new Visitor(portal);
    await signIn(portal, contact, form.contactEmail as string);
    const takeOver = await contact.post(`/skola/?atgard=rektor&skola=${school.id}`, {
      principalName: 'Kansliet',
      principalEmail: form.contactEmail as string,
    });
    expect(takeOver.status).toBe(403);
    expect(await takeOver.text()).toContain(messages.errors.PRINCIPAL_ONLY);
    // The old form's fields are refused outright: the contact form takes the function address only.
    const oldForm = await contact.post(`/skola/?atgard=kontakt&skola=${school.id}`, {
      contactEmail: form.contactEmail as string,
      principalName: 'Kansliet',
      principalEmail: form.contactEmail as string,
    });
    expect(oldForm.status).toBe(400);
    expect(
      (await contact.post(`/skola/?atgard=kontakt&skola=${school.id}`, { contactEmail: 'kapad@ond.example' })).status,
    ).toBe(403);
    const sign = await contact.post(`/skola/overenskommelse/granska?id=${agreementId}`, {
      fullName: 'Kansliet',
      statement: 'ja',
      documentSha256: 'a'.repeat(64),
    });
    expect(sign.status).toBe(403);
    const [after] = await portal.db.select().from(schools).where(eq(schools.id, school.id));
    expect(after).toMatchObject({ principalEmail: form.principalEmail, contactEmail: form.contactEmail });
    expect(await roleOf(form.principalEmail as string, school.id)).toEqual(['principal']);
    expect(await events('school.principal_handover_started', school.reference)).toHaveLength(0);
  });

  it('the principal hands over; it takes effect when the new principal signs in, and the old one is told', async () => {
    const { visitor, form, school } = await registerAndSignIn(portal, { district: 'farsta' });
    const next = `ny.rektor.${school.id}@skola.example`;
    const res = await visitor.post(`/skola/?atgard=rektor&skola=${school.id}`, {
      principalName: 'Björn Ek',
      principalEmail: next,
    });
    expect(res.headers.get('location')).toBe('/skola/?andrat=rektor');
    // Nothing has changed yet: the old principal is still the principal and is told a hand-over started.
    expect(await roleOf(form.principalEmail as string, school.id)).toEqual(['principal']);
    expect(await mails(form.principalEmail as string, messages.mail.handoverStartedSubject(school.name))).toHaveLength(
      1,
    );
    expect(await (await visitor.get('/skola/')).text()).toContain('väntar på att den nya rektorn loggar in');

    const newcomer = new Visitor(portal);
    const spent = await newcomer.post('/logga-in/bekrafta', { token: tokenOf(await linkFor(portal, next)) });
    expect(spent.status).toBe(303);
    const [after] = await portal.db.select().from(schools).where(eq(schools.id, school.id));
    expect(after).toMatchObject({ principalEmail: next, principalName: 'Björn Ek' });
    expect(await roleOf(next, school.id)).toEqual(['principal']);
    expect(await roleOf(form.principalEmail as string, school.id)).toEqual([]);
    expect(await mails(form.principalEmail as string, messages.mail.handoverDoneSubject(school.name))).toHaveLength(1);
    const [started] = await events('school.principal_handover_started', school.reference);
    const [changed] = await events('school.principal_changed', school.reference);
    const [oldUser] = await portal.db
      .select()
      .from(users)
      .where(eq(users.email, form.principalEmail as string));
    expect(started?.actorUserId).toBe(oldUser?.id);
    expect(changed?.data).toMatchObject({ from: form.principalEmail, to: next, startedBy: oldUser?.id });
    // The old principal's session no longer acts for the school.
    expect(
      (
        await visitor.post(`/skola/?atgard=rektor&skola=${school.id}`, {
          principalName: 'Åter',
          principalEmail: form.principalEmail as string,
        })
      ).status,
    ).toBe(403);
  });

  it('the coordinator can start a hand-over; a second one replaces the first, whose link then does nothing', async () => {
    const { form, school } = await registerAndSignIn(portal, { district: 'farsta' });
    const first = `forsta.${school.id}@skola.example`;
    const second = `andra.${school.id}@skola.example`;
    expect(
      (
        await coordinator.post('/admin/rektor', {
          schoolUnitCode: school.schoolUnitCode,
          principalName: 'Första',
          principalEmail: first,
        })
      ).headers.get('location'),
    ).toBe('/admin/rektor?skickad=1');
    const firstLink = await linkFor(portal, first);
    expect(await mails(form.principalEmail as string, messages.mail.handoverStartedSubject(school.name))).toHaveLength(
      1,
    );
    await coordinator.post('/admin/rektor', {
      schoolUnitCode: school.schoolUnitCode,
      principalName: 'Andra',
      principalEmail: second,
    });
    const stale = await new Visitor(portal).post('/logga-in/bekrafta', { token: tokenOf(firstLink) });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain(messages.errors.HANDOVER_INVALID);
    expect(await roleOf(first, school.id)).toEqual([]);
    await new Visitor(portal).post('/logga-in/bekrafta', { token: tokenOf(await linkFor(portal, second)) });
    expect(await roleOf(second, school.id)).toEqual(['principal']);
  });

  it('never lets one person be on both sides of an agreement', async () => {
    const { visitor, school } = await registerAndSignIn(portal, { district: 'bromma' });
    const toOfficer = await visitor.post(`/skola/?atgard=rektor&skola=${school.id}`, {
      principalName: 'Handläggaren',
      principalEmail: officerEmail('bromma'),
    });
    expect(toOfficer.status).toBe(409);
    expect(await toOfficer.text()).toContain(messages.errors.CITY_ROLE_CONFLICT);
    expect(await events('school.principal_handover_started', school.reference)).toHaveLength(0);

    const registration = await register(
      new Visitor(portal),
      validRegistration({ principalEmail: officerEmail('farsta') }),
    );
    expect(registration.status).toBe(400);
    expect(await registration.text()).toContain(messages.errors.CITY_ROLE_CONFLICT);

    const invite = await coordinator.post('/admin/?atgard=bjud-in', {
      name: 'Rektor',
      email: school.principalEmail,
      district: 'bromma',
    });
    expect(invite.status).toBe(409);
    expect(await invite.text()).toContain(messages.errors.SCHOOL_ROLE_CONFLICT);

    // A hand-over accepted after its new principal became an officer is refused at the link.
    const next = `blir.handlaggare.${school.id}@stockholm.example`;
    await visitor.post(`/skola/?atgard=rektor&skola=${school.id}`, {
      principalName: 'Snart Handläggare',
      principalEmail: next,
    });
    const link = await linkFor(portal, next);
    await coordinator.post('/admin/?atgard=bjud-in', { name: 'Snart Handläggare', email: next, district: 'bromma' });
    const accepted = await new Visitor(portal).post('/logga-in/bekrafta', { token: tokenOf(link) });
    expect(accepted.status).toBe(409);
    expect(await roleOf(next, school.id)).toEqual([]);
  });
});

describe('each step happens once, and to the text that was signed', () => {
  it('six parallel starts make one draft', async () => {
    const { visitor, school } = await registerAndSignIn(portal);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        visitor.post('/skola/overenskommelse?atgard=starta', { schoolId: String(school.id) }),
      ),
    );
    const drafts = await portal.db.select().from(agreements).where(eq(agreements.schoolId, school.id));
    expect(drafts).toHaveLength(1);
    expect(new Set(results.map((r) => r.headers.get('location')))).toEqual(
      new Set([`/skola/overenskommelse/utkast?id=${drafts[0]?.id}`]),
    );
    expect(await events('agreement.started', drafts[0]!.verificationCode)).toHaveLength(1);
  });

  it('four parallel returns by two officers make one return, one set of letters and one event', async () => {
    const { visitor, agreementId, form } = await schoolWithDraft(portal, { district: 'enskede-arsta-vantor' });
    await signAsSchool(visitor, agreementId);
    await coordinator.post('/admin/?atgard=bjud-in', {
      name: 'Andra',
      email: 'andra.eav@stockholm.example',
      district: 'enskede-arsta-vantor',
    });
    const second = new Visitor(portal);
    await second.post('/logga-in/bekrafta', { token: tokenOf(await linkFor(portal, 'andra.eav@stockholm.example')) });
    const first = await officerOf(portal, 'enskede-arsta-vantor');
    const results = await Promise.all(
      [first, second, first, second].map((o, i) =>
        o.post(`/stadsdel/overenskommelse/${agreementId}?atgard=returnera`, { comment: `Komplettera ${i}.` }),
      ),
    );
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const code = (await agreement(agreementId))!.verificationCode;
    expect(await events('agreement.returned', code)).toHaveLength(1);
    expect(await mails(form.contactEmail as string, messages.mail.returnedSubject)).toHaveLength(1);
  });

  it('returns mixed with confirmations end in one outcome, and the letters agree with it', async () => {
    const { visitor, agreementId, form } = await schoolWithDraft(portal, { district: 'skarpnack' });
    await signAsSchool(visitor, agreementId);
    const officer = await officerOf(portal, 'skarpnack');
    const sha = sha256Of(await (await officer.get(`/stadsdel/overenskommelse/${agreementId}`)).text());
    const confirm = () =>
      officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=bekrafta`, {
        fullName: 'Karin Handläggare',
        statement: 'ja',
        documentSha256: sha,
      });
    const ret = () =>
      officer.post(`/stadsdel/overenskommelse/${agreementId}?atgard=returnera`, { comment: 'Komplettera.' });
    const results = await Promise.all([ret(), confirm(), ret(), confirm(), ret(), ret()]);
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    const final = await agreement(agreementId);
    const returned = await mails(form.contactEmail as string, messages.mail.returnedSubject);
    const confirmed = await mails(form.contactEmail as string, messages.mail.confirmedSubject);
    const code = final!.verificationCode;
    if (final?.status === 'confirmed') {
      expect([returned.length, confirmed.length]).toEqual([0, 1]);
      expect(await events('agreement.returned', code)).toHaveLength(0);
    } else {
      expect(final?.status).toBe('returned');
      expect([returned.length, confirmed.length]).toEqual([1, 0]);
      expect(await events('agreement.confirmed', code)).toHaveLength(0);
    }
  });

  it('a draft saved while the principal signs never changes the signed text', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { visitor, agreementId } = await schoolWithDraft(portal);
      const preview = await (await visitor.get(`/skola/overenskommelse/granska?id=${agreementId}`)).text();
      const changed = {
        ...(await filledAdditions(portal)),
        [sectionField('lokala-rutiner')]: `Ändrad rutin ${round}.`,
        action: 'spara',
      };
      await Promise.all([
        visitor.post(`/skola/overenskommelse/granska?id=${agreementId}`, {
          fullName: 'Åsa Öberg',
          statement: 'ja',
          documentSha256: sha256Of(preview),
        }),
        visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, changed),
      ]);
      const row = await agreement(agreementId);
      const sigs = await portal.db.select().from(signatures).where(eq(signatures.agreementId, agreementId));
      const stored = (await loadAgreementDocument({ db: portal.db, agreementId })).sha256;
      if (row?.status === 'awaiting') {
        expect(sigs).toHaveLength(1);
        expect(sigs[0]?.documentSha256).toBe(await sha256Hex(sigs[0]!.documentText));
        expect(sigs[0]?.documentSha256).toBe(stored);
      } else {
        expect(sigs).toHaveLength(0);
        expect(JSON.stringify(row?.additions)).toContain(`Ändrad rutin ${round}.`);
      }
    }
  });

  it('a signed agreement can still be confirmed, and each signature names the audit event that records it', async () => {
    const { visitor, agreementId } = await schoolWithDraft(portal, { district: 'farsta' });
    await signAsSchool(visitor, agreementId);
    const late = await visitor.post(`/skola/overenskommelse/utkast?id=${agreementId}`, {
      ...(await filledAdditions(portal)),
      action: 'spara',
    });
    expect(late.status).toBe(409);
    expect((await confirmAsDistrict(await officerOf(portal, 'farsta'), agreementId)).status).toBe(303);
    const code = (await agreement(agreementId))!.verificationCode;
    const sigs = await portal.db.select().from(signatures).where(eq(signatures.agreementId, agreementId));
    const [signed] = await events('agreement.signed', code);
    const [confirmed] = await events('agreement.confirmed', code);
    expect(sigs.map((s) => [s.party, s.auditHash])).toEqual([
      ['school', signed?.hash],
      ['district', confirmed?.hash],
    ]);
  });
});

describe('a refused action has no side effects', () => {
  it('removing or moving someone who is not an officer is a 404 that signs nobody out and writes nothing', async () => {
    const { visitor, school } = await registerAndSignIn(portal);
    const [principal] = await portal.db.select().from(users).where(eq(users.email, school.principalEmail));
    const sessionsBefore = (
      await portal.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, principal!.id))
    )[0]?.n;
    const eventsBefore = (
      await portal.db
        .select({ n: count() })
        .from(auditEvents)
        .where(inArray(auditEvents.action, ['officer.removed', 'officer.moved']))
    )[0]?.n;
    expect((await coordinator.post(`/admin/handlaggare/${principal!.id}/ta-bort`, { confirm: 'ja' })).status).toBe(404);
    expect((await coordinator.post(`/admin/?atgard=flytta&id=${principal!.id}`, { district: 'bromma' })).status).toBe(
      404,
    );
    expect(
      (await portal.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, principal!.id)))[0]?.n,
    ).toBe(sessionsBefore);
    expect(
      (
        await portal.db
          .select({ n: count() })
          .from(auditEvents)
          .where(inArray(auditEvents.action, ['officer.removed', 'officer.moved']))
      )[0]?.n,
    ).toBe(eventsBefore);
    expect((await visitor.get('/skola/')).status).toBe(200);
  });
});

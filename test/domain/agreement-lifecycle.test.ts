import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agreements, memberships, signatures } from '../../functions/db/schema';
import { confirmSignOff } from '../../functions/domain/agreements/confirm-sign-off';
import { verifyAuditChain } from '../../functions/domain/audit-verify';
import { returnAgreement } from '../../functions/domain/agreements/return-agreement';
import { reviseAgreement } from '../../functions/domain/agreements/revise-agreement';
import { saveDraft } from '../../functions/domain/agreements/save-draft';
import { signAgreement } from '../../functions/domain/agreements/sign-agreement';
import { startAgreement } from '../../functions/domain/agreements/start-agreement';
import { messages } from '../../functions/messages';
import { domainDatabases } from '../support/domain-db';
import {
  agreementRow,
  confirmAsDistrict,
  confirmedAgreement,
  eventsOf,
  filledAdditions,
  lettersTo,
  officerOf,
  origin,
  registeredSchool,
  schoolWithDraft,
  sha256Of,
  signAsSchool,
  traces,
  userOf,
} from '../support/domain-flows';

// The agreement's states and the moves between them, each a conditional write: a move that is
// not allowed from the state it finds is refused and leaves no row, no letter and no audit event.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');
const later = new Date('2026-03-03T09:00:00Z');

describe('starting', () => {
  it('starts once: a second start, or six at once, continue the one draft', async () => {
    const db = await freshDb();
    const { school, principal } = await registeredSchool(db, { now });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => startAgreement({ db, user: principal!, schoolId: school.id, now })),
    );
    const rows = await db.select().from(agreements).where(eq(agreements.schoolId, school.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'draft', districtName: 'Södermalm', revisionOf: null });
    expect(new Set(results.map((r) => r.agreementId))).toEqual(new Set([rows[0]!.id]));
    expect(await startAgreement({ db, user: principal!, schoolId: school.id, now: later })).toEqual({
      agreementId: rows[0]!.id,
    });
    expect(await eventsOf(db, 'agreement.started')).toHaveLength(1);
  });

  it('refuses a school whose address is not verified, and anyone not acting for the school, writing nothing', async () => {
    const db = await freshDb();
    const pending = await registeredSchool(db, { now, verified: false });
    const other = await registeredSchool(db, { now });
    const principalOfPending = await userOf(db, pending.input.principalEmail);
    const before = await traces(db);
    await expect(
      startAgreement({ db, user: principalOfPending, schoolId: pending.school.id, now }),
    ).rejects.toMatchObject({ code: 'SCHOOL_NOT_VERIFIED' });
    await expect(
      startAgreement({ db, user: other.principal!, schoolId: pending.school.id, now }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      startAgreement({ db, user: await officerOf(db, 'sodermalm'), schoolId: other.school.id, now }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await traces(db)).toEqual(before);
  });
});

describe('saving and signing', () => {
  it('the function mailbox saves drafts but only the principal signs', async () => {
    const db = await freshDb();
    const { input, agreementId } = await schoolWithDraft(db, { now });
    const contact = await userOf(db, input.contactEmail);
    await saveDraft({ db, user: contact, agreementId, values: await filledAdditions(db), now: later });
    const before = await traces(db);
    await expect(
      signAgreement({
        db,
        user: contact,
        agreementId,
        fullName: 'Kansliet',
        shownSha256: await sha256Of(db, agreementId),
        origin,
        now: later,
      }),
    ).rejects.toMatchObject({
      code: 'PRINCIPAL_ONLY',
    });
    expect(await traces(db)).toEqual(before);
  });

  it('refuses to sign an incomplete draft or a text other than the one shown, writing nothing', async () => {
    const db = await freshDb();
    const { school, principal } = await registeredSchool(db, { now });
    const { agreementId } = await startAgreement({ db, user: principal!, schoolId: school.id, now });
    const before = await traces(db);
    await expect(signAsSchool(db, principal!, agreementId, now)).rejects.toMatchObject({ code: 'ADDITIONS_MISSING' });
    await saveDraft({ db, user: principal!, agreementId, values: await filledAdditions(db), now });
    const saved = await traces(db);
    expect(saved).toMatchObject({ agreements: before.agreements, auditEvents: before.auditEvents + 1 });
    await expect(
      signAgreement({
        db,
        user: principal!,
        agreementId,
        fullName: 'Åsa Öberg',
        shownSha256: 'a'.repeat(64),
        origin,
        now,
      }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_CHANGED' });
    expect(await traces(db)).toEqual(saved);
    expect((await agreementRow(db, agreementId))?.status).toBe('draft');
  });

  it('signing stores the text signed, tells the district, and a second press changes nothing', async () => {
    const db = await freshDb();
    const { school, principal, agreementId } = await schoolWithDraft(db, { district: 'bromma', now });
    const shown = await sha256Of(db, agreementId);
    await signAsSchool(db, principal, agreementId, now);
    const signed = await traces(db);
    await signAsSchool(db, principal, agreementId, later);
    expect(await traces(db)).toEqual(signed);
    expect(await agreementRow(db, agreementId)).toMatchObject({ status: 'awaiting', signedAt: now.toISOString() });
    const [signature] = await db.select().from(signatures).where(eq(signatures.agreementId, agreementId));
    expect(signature).toMatchObject({ party: 'school', documentSha256: shown, userId: principal.userId });
    expect(
      await lettersTo(db, 'handlaggare.bromma@stockholm.example', messages.mail.signedSubject(school.name)),
    ).toHaveLength(1);
    expect(await eventsOf(db, 'agreement.signed')).toHaveLength(1);
  });

  it('a signed agreement cannot be saved over: the save is refused and the signed text stands', async () => {
    const db = await freshDb();
    const { principal, agreementId } = await schoolWithDraft(db, { now });
    await signAsSchool(db, principal, agreementId, now);
    const signedSha = await sha256Of(db, agreementId);
    const before = await traces(db);
    const changed = await filledAdditions(db);
    changed.sections['lokala-rutiner'] = 'Ändrad efter underskrift.';
    await expect(saveDraft({ db, user: principal, agreementId, values: changed, now: later })).rejects.toMatchObject({
      code: 'AGREEMENT_ORDER',
    });
    expect(await traces(db)).toEqual(before);
    expect(await sha256Of(db, agreementId)).toBe(signedSha);
  });

  it('a save racing a signature: either the signature holds the text it signed, or the save wins and nothing is signed', async () => {
    const db = await freshDb();
    const { principal, agreementId } = await schoolWithDraft(db, { now });
    const shown = await sha256Of(db, agreementId);
    const changed = await filledAdditions(db);
    changed.sections['lokala-rutiner'] = 'Ändrad rutin.';
    await Promise.allSettled([
      signAgreement({ db, user: principal, agreementId, fullName: 'Åsa Öberg', shownSha256: shown, origin, now }),
      saveDraft({ db, user: principal, agreementId, values: changed, now }),
    ]);
    const row = await agreementRow(db, agreementId);
    const sigs = await db.select().from(signatures).where(eq(signatures.agreementId, agreementId));
    if (row?.status === 'awaiting') {
      expect(sigs.map((s) => s.documentSha256)).toEqual([await sha256Of(db, agreementId)]);
    } else {
      expect(sigs).toEqual([]);
      expect(row?.additions.sections['lokala-rutiner']).toBe('Ändrad rutin.');
    }
  });
});

describe('the district confirms or returns', () => {
  it('confirms once, only after the school signed, only in its own district, and tells the school', async () => {
    const db = await freshDb();
    const { principal, agreementId, input } = await schoolWithDraft(db, { district: 'farsta', now });
    const officer = await officerOf(db, 'farsta');
    const draft = await traces(db);
    await expect(confirmAsDistrict(db, officer, agreementId, now)).rejects.toMatchObject({
      code: 'NOT_SIGNED_BY_SCHOOL',
    });
    expect(await traces(db)).toEqual(draft);
    await signAsSchool(db, principal, agreementId, now);
    const signed = await traces(db);
    await expect(confirmAsDistrict(db, await officerOf(db, 'bromma'), agreementId, later)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      confirmSignOff({
        db,
        user: officer,
        agreementId,
        fullName: 'K',
        shownSha256: 'b'.repeat(64),
        origin,
        now: later,
      }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_CHANGED' });
    expect(await traces(db)).toEqual(signed);

    expect(await confirmAsDistrict(db, officer, agreementId, later)).toEqual({ validTo: '2027-03-02' });
    expect(await agreementRow(db, agreementId)).toMatchObject({
      status: 'confirmed',
      validFrom: '2026-03-03',
      validTo: '2027-03-02',
    });
    expect(await lettersTo(db, input.contactEmail, messages.mail.confirmedSubject)).toHaveLength(1);
    const confirmed = await traces(db);
    await expect(confirmAsDistrict(db, officer, agreementId, later)).rejects.toMatchObject({
      code: 'ALREADY_CONFIRMED',
    });
    await expect(
      returnAgreement({ db, user: officer, agreementId, comment: 'För sent.', origin, now: later }),
    ).rejects.toMatchObject({ code: 'ALREADY_CONFIRMED' });
    expect(await traces(db)).toEqual(confirmed);
  });

  it('an officer who is also on the school’s side cannot confirm, even if D1 was written by hand', async () => {
    const db = await freshDb();
    const { principal, agreementId, school } = await schoolWithDraft(db, { district: 'skarholmen', now });
    await signAsSchool(db, principal, agreementId, now);
    const officer = await officerOf(db, 'skarholmen');
    await db
      .insert(memberships)
      .values({ userId: officer.userId, role: 'contact', schoolId: school.id, createdAt: now.toISOString() });
    const both = await officerOf(db, 'skarholmen');
    const before = await traces(db);
    await expect(confirmAsDistrict(db, both, agreementId, now)).rejects.toMatchObject({ code: 'BOTH_SIDES' });
    expect(await traces(db)).toEqual(before);
    expect((await agreementRow(db, agreementId))?.status).toBe('awaiting');
  });

  it('returns with a comment; the school changes and signs again, which clears the comment', async () => {
    const db = await freshDb();
    const { principal, agreementId, input } = await schoolWithDraft(db, { district: 'kungsholmen', now });
    await signAsSchool(db, principal, agreementId, now);
    const officer = await officerOf(db, 'kungsholmen');
    await returnAgreement({ db, user: officer, agreementId, comment: 'Ange mötesplanen.', origin, now });
    expect(await agreementRow(db, agreementId)).toMatchObject({
      status: 'returned',
      returnComment: 'Ange mötesplanen.',
    });
    expect(await lettersTo(db, input.contactEmail, messages.mail.returnedSubject)).toHaveLength(1);
    const returned = await traces(db);
    await expect(
      returnAgreement({ db, user: officer, agreementId, comment: 'Igen.', origin, now }),
    ).rejects.toMatchObject({ code: 'ALREADY_RETURNED' });
    await expect(confirmAsDistrict(db, officer, agreementId, now)).rejects.toMatchObject({ code: 'ALREADY_RETURNED' });
    expect(await traces(db)).toEqual(returned);

    const changed = await filledAdditions(db);
    changed.sections['moten'] = 'Fyra möten per läsår.';
    await saveDraft({ db, user: principal, agreementId, values: changed, now: later });
    await signAsSchool(db, principal, agreementId, later);
    expect(await agreementRow(db, agreementId)).toMatchObject({ status: 'awaiting', returnComment: null });
    await confirmAsDistrict(db, officer, agreementId, later);
    expect((await agreementRow(db, agreementId))?.status).toBe('confirmed');
  });

  it('of returns and confirmations at once, one wins and its letters alone go out', async () => {
    const db = await freshDb();
    const { principal, agreementId, input } = await schoolWithDraft(db, { district: 'skarpnack', now });
    await signAsSchool(db, principal, agreementId, now);
    const officer = await officerOf(db, 'skarpnack');
    const ret = () => returnAgreement({ db, user: officer, agreementId, comment: 'Komplettera.', origin, now });
    const confirm = () => confirmAsDistrict(db, officer, agreementId, now);
    const results = await Promise.allSettled([ret(), confirm(), ret(), confirm(), ret()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const status = (await agreementRow(db, agreementId))?.status;
    const letters = {
      returned: (await lettersTo(db, input.contactEmail, messages.mail.returnedSubject)).length,
      confirmed: (await lettersTo(db, input.contactEmail, messages.mail.confirmedSubject)).length,
    };
    const events = {
      returned: (await eventsOf(db, 'agreement.returned')).length,
      confirmed: (await eventsOf(db, 'agreement.confirmed')).length,
    };
    const expected = status === 'confirmed' ? { returned: 0, confirmed: 1 } : { returned: 1, confirmed: 0 };
    expect(letters).toEqual(expected);
    expect(events).toEqual(expected);
    // Writers racing for the audit chain's head still leave one unbroken chain.
    expect((await verifyAuditChain({ db, now: new Date(), checkpoint: null })).problem).toBeNull();
  });
});

describe('revising', () => {
  it('is refused before confirmation and otherwise continues the open draft', async () => {
    const db = await freshDb();
    const { principal, agreementId } = await schoolWithDraft(db, { now });
    expect(await reviseAgreement({ db, user: principal, agreementId, now })).toEqual({ agreementId });
    await signAsSchool(db, principal, agreementId, now);
    expect(await reviseAgreement({ db, user: principal, agreementId, now })).toEqual({ agreementId });
    expect(await db.select().from(agreements)).toHaveLength(1);
  });

  it('starts a new version from the confirmed text; its confirmation replaces the old one from that day', async () => {
    const db = await freshDb();
    const { principal, agreementId, officer } = await confirmedAgreement(db, { district: 'bromma', now });
    const { agreementId: revisionId } = await reviseAgreement({ db, user: principal, agreementId, now: later });
    expect(revisionId).not.toBe(agreementId);
    expect(await agreementRow(db, revisionId)).toMatchObject({
      status: 'draft',
      revisionOf: agreementId,
      additions: (await agreementRow(db, agreementId))!.additions,
    });
    expect(await reviseAgreement({ db, user: principal, agreementId, now: later })).toEqual({
      agreementId: revisionId,
    });
    expect(await eventsOf(db, 'agreement.revision_started')).toHaveLength(1);

    await signAsSchool(db, principal, revisionId, later);
    // While the revision waits, the agreement in force stays confirmed.
    expect((await agreementRow(db, agreementId))?.status).toBe('confirmed');
    const replacedOn = new Date('2026-06-10T10:00:00Z');
    await confirmAsDistrict(db, officer, revisionId, replacedOn);
    expect(await agreementRow(db, agreementId)).toMatchObject({
      status: 'replaced',
      replacedBy: revisionId,
      validTo: '2026-06-10',
      replacedAt: replacedOn.toISOString(),
    });
    expect(await agreementRow(db, revisionId)).toMatchObject({
      status: 'confirmed',
      validFrom: '2026-06-10',
      validTo: '2027-06-09',
    });
  });
});

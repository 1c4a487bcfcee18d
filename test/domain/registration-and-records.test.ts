import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agreements, signatures } from '../../functions/db/schema';
import { officerEmail } from '../../functions/db/seed-accounts';
import { startAgreement } from '../../functions/domain/agreements/start-agreement';
import { displayStatus } from '../../functions/domain/agreement-status';
import { registerSchool } from '../../functions/domain/registration';
import { getCurrentTemplate, publishTemplate, reSignDays } from '../../functions/domain/templates';
import { addCalendarDays } from '../../functions/domain/time';
import { verifyAgreement } from '../../functions/domain/verification';
import { messages } from '../../functions/messages';
import { registrationSchema } from '../../functions/validation/registration';
import { validRegistration } from '../support/client';
import { domainDatabases } from '../support/domain-db';
import { agreementRow, confirmedAgreement, lettersTo, origin, registeredSchool, traces } from '../support/domain-flows';

// Who may register, and the records that outlive a step: what the public check of an agreement
// says, and what a new template version asks of every valid agreement.

const freshDb = domainDatabases();
const now = new Date('2026-03-02T09:00:00Z');

describe('registration', () => {
  it('takes a school unit code once, even when two registrations race', async () => {
    const db = await freshDb();
    const input = registrationSchema.parse(validRegistration());
    const again = {
      ...input,
      principalEmail: 'annan.rektor@skola.example',
      contactEmail: 'annat.kansli@skola.example',
    };
    const results = await Promise.allSettled([
      registerSchool({ db, input, registerCheck: 'verified', origin, now }),
      registerSchool({ db, input: again, registerCheck: 'verified', origin, now }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'DUPLICATE_SCHOOL' } });
    const before = await traces(db);
    await expect(registerSchool({ db, input: again, registerCheck: 'verified', origin, now })).rejects.toMatchObject({
      code: 'DUPLICATE_SCHOOL',
    });
    expect(await traces(db)).toEqual(before);
  });

  it('refuses an address on the city’s side and a district that no longer exists, writing nothing', async () => {
    const db = await freshDb();
    const before = await traces(db);
    await expect(
      registerSchool({
        db,
        input: registrationSchema.parse(validRegistration({ principalEmail: officerEmail('farsta') })),
        registerCheck: 'verified',
        origin,
        now,
      }),
    ).rejects.toMatchObject({ code: 'CITY_ROLE_CONFLICT' });
    await expect(
      registerSchool({
        db,
        input: registrationSchema.parse(validRegistration({ contactEmail: officerEmail('farsta') })),
        registerCheck: 'verified',
        origin,
        now,
      }),
    ).rejects.toMatchObject({ code: 'CITY_ROLE_CONFLICT' });
    await expect(
      registerSchool({
        db,
        input: registrationSchema.parse(validRegistration({ district: 'alvsjo' })),
        registerCheck: 'verified',
        origin,
        now,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await traces(db)).toEqual(before);
  });
});

describe('the public check of an agreement', () => {
  it('says valid and unchanged while the signed text is what the record renders, and not after tampering', async () => {
    const db = await freshDb();
    const { agreementId } = await confirmedAgreement(db, { now });
    const code = (await agreementRow(db, agreementId))!.verificationCode;
    expect(await verifyAgreement({ db, code, now })).toMatchObject({
      status: 'valid',
      unchanged: true,
      validTo: '2027-03-01',
    });
    expect(await verifyAgreement({ db, code: 'SVK-FINNS-INTE', now })).toBeNull();
    await db
      .update(agreements)
      .set({ additions: { sections: { 'lokala-rutiner': 'Ändrad i efterhand.' }, meetings: {} } })
      .where(eq(agreements.id, agreementId));
    expect(await verifyAgreement({ db, code, now })).toMatchObject({ unchanged: false });
  });

  it('notices a signed text edited in D1', async () => {
    const db = await freshDb();
    const { agreementId } = await confirmedAgreement(db, { now });
    const code = (await agreementRow(db, agreementId))!.verificationCode;
    await db.update(signatures).set({ documentText: 'En annan text.' }).where(eq(signatures.party, 'district'));
    const checked = await verifyAgreement({ db, code, now });
    expect(checked?.unchanged).toBe(false);
    expect(checked?.signed.find((s) => s.party === 'district')?.intact).toBe(false);
  });
});

describe('a new template version', () => {
  it('asks every school with a valid agreement to re-sign within 90 days, once, and new drafts use it', async () => {
    const db = await freshDb();
    const valid = await confirmedAgreement(db, { now });
    const unsigned = await registeredSchool(db, { now });
    const current = (await getCurrentTemplate({ db }))!;
    const publishedAt = new Date('2026-04-01T09:00:00Z');
    await publishTemplate({
      db,
      content: { ...current.content, version: current.version + 1 },
      actorUserId: null,
      now: publishedAt,
      origin,
    });
    const reSignBy = addCalendarDays('2026-04-01', reSignDays);
    const row = await agreementRow(db, valid.agreementId);
    expect(row?.reSignBy).toBe(reSignBy);
    expect(displayStatus(row!, '2026-04-01')).toBe('due');
    expect(await lettersTo(db, valid.input.contactEmail, messages.mail.newTemplateSubject)).toHaveLength(1);
    expect(await lettersTo(db, unsigned.input.contactEmail, messages.mail.newTemplateSubject)).toHaveLength(0);

    const before = await traces(db);
    await expect(
      publishTemplate({ db, content: current.content, actorUserId: null, now: publishedAt, origin }),
    ).rejects.toMatchObject({ code: 'TEMPLATE_PUBLISHED' });
    expect(await traces(db)).toEqual(before);
    const { agreementId } = await startAgreement({
      db,
      user: unsigned.principal!,
      schoolId: unsigned.school.id,
      now: publishedAt,
    });
    expect((await agreementRow(db, agreementId))?.templateVersion).toBe(current.version + 1);
  });
});

import { eq, sql } from 'drizzle-orm';
import { agreements, signatures } from '../../db/schema';
import { AppError } from '../../errors';
import { messages } from '../../messages';
import { queueMail } from '../mail';
import { addCalendarDays, addCalendarYears, iso, stockholmDay } from '../time';
import { commitExpecting, rowExists } from '../transition';
import { explainRefusal, loadForDistrictStep, schoolAddresses } from './district-step';
import type { SignatureInput } from './load-agreement';
import { signatureStatements } from './statements';
import { portalRules } from '../../config/rules';

/** A confirmed agreement is valid from the Stockholm day of confirmation for one year. */
export function validityFrom(now: Date) {
  const validFrom = stockholmDay(now);
  return { validFrom, validTo: addCalendarDays(addCalendarYears(validFrom, portalRules.validityYears), -1) };
}

/**
 * The district countersigns what the school signed. Only an officer of the agreement's own
 * district who is not also on the school's side, only after the school has signed, and only
 * once: the write expects the awaiting version it read, so a return or another confirmation in
 * between refuses it with nothing written.
 */
export async function confirmSignOff({ db, user, agreementId, fullName, shownSha256, origin, now }: SignatureInput) {
  const { doc, expected } = await loadForDistrictStep({ db, user, agreementId });
  const schoolSignature = doc.signatures.filter((s) => s.party === 'school').at(-1);
  if (!schoolSignature || schoolSignature.documentSha256 !== doc.sha256 || shownSha256 !== doc.sha256)
    throw new AppError('DOCUMENT_CHANGED');
  const { validFrom, validTo } = validityFrom(now);
  const link = `${origin}/skola/overenskommelse`;
  try {
    await commitExpecting(db, {
      now,
      expect: rowExists(db, agreements, expected),
      refused: 'AGREEMENT_CHANGED',
      statements: ([eventHash]) => [
        db
          .update(agreements)
          .set({
            status: 'confirmed',
            confirmedAt: iso(now),
            validFrom,
            validTo,
            version: sql`${agreements.version} + 1`,
          })
          .where(expected),
        db.insert(signatures).values({
          agreementId,
          party: 'district',
          userId: user.userId,
          email: user.email,
          fullName,
          statement: signatureStatements.district,
          signedAt: iso(now),
          documentSha256: doc.sha256,
          documentText: doc.text,
          auditHash: eventHash,
        }),
        // The version it replaces stops being valid now: its last day becomes today at the latest.
        ...(doc.agreement.revisionOf
          ? [
              db
                .update(agreements)
                .set({
                  status: 'replaced',
                  replacedAt: iso(now),
                  replacedBy: agreementId,
                  validTo: sql`min(coalesce(${agreements.validTo}, ${validFrom}), ${validFrom})`,
                  version: sql`${agreements.version} + 1`,
                })
                .where(eq(agreements.id, doc.agreement.revisionOf)),
            ]
          : []),
        ...schoolAddresses(doc.school).map((to) =>
          queueMail(
            db,
            {
              to,
              subject: messages.mail.confirmedSubject,
              body: messages.mail.confirmedBody(doc.school.name, doc.agreement.districtName, validTo, link),
              links: [link],
            },
            now,
          ),
        ),
      ],
      events: [
        {
          action: 'agreement.confirmed',
          subjectType: 'agreement',
          subjectId: doc.agreement.verificationCode,
          actorUserId: user.userId,
          data: { sha256: doc.sha256, email: user.email, validFrom, validTo },
        },
      ],
    });
  } catch (error) {
    await explainRefusal(db, agreementId, error);
  }
  return { validTo };
}

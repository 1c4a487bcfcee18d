import { and, eq, inArray, sql } from 'drizzle-orm';
import { agreements, memberships, signatures, users, type AgreementAdditions } from '../../db/schema';
import { AppError } from '../../errors';
import { messages } from '../../messages';
import { additionsSchema } from '../../validation/agreement';
import { isPrincipal, isSchoolMember } from '../access';
import { queueMail } from '../mail';
import type { SessionUser } from '../sign-in';
import { iso } from '../time';
import { commitExpecting, rowExists } from '../transition';
import { type AgreementDocument, loadAgreementDocument, type SignatureInput } from './load-agreement';
import { signatureStatements } from './statements';

const signable = ['draft', 'returned'] as const;

/**
 * The principal signs exactly the agreement they were shown (same SHA-256). The write expects the
 * version that text was made from, so a draft saved in between refuses the signature instead of
 * changing the text under it; a second press of the same button finds the first signature.
 */
export async function signAgreement({ db, user, agreementId, fullName, shownSha256, origin, now }: SignatureInput) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isSchoolMember(user, doc.school.id)) throw new AppError('FORBIDDEN');
  if (!isPrincipal(user, doc.school.id)) throw new AppError('PRINCIPAL_ONLY');
  if (alreadySigned(doc, user, shownSha256)) return;
  if (!(signable as readonly string[]).includes(doc.agreement.status)) throw new AppError('AGREEMENT_ORDER');
  if (!additionsSchema(doc.template.content, { complete: true }).safeParse(flatten(doc.agreement.additions)).success)
    throw new AppError('ADDITIONS_MISSING');
  if (shownSha256 !== doc.sha256) throw new AppError('DOCUMENT_CHANGED');
  const expected = and(
    eq(agreements.id, agreementId),
    eq(agreements.version, doc.agreement.version),
    inArray(agreements.status, signable),
  );
  const inbox = `${origin}/stadsdel/inkorg`;
  const officers = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, 'officer'), eq(memberships.districtId, doc.agreement.districtId)));
  try {
    await commitExpecting(db, {
      now,
      expect: rowExists(db, agreements, expected),
      refused: 'DOCUMENT_CHANGED',
      // The signature keeps the hash of the audit event that records it: evidence outside the table.
      statements: ([eventHash]) => [
        db
          .update(agreements)
          .set({ status: 'awaiting', signedAt: iso(now), returnComment: null, version: sql`${agreements.version} + 1` })
          .where(expected),
        db.insert(signatures).values({
          agreementId,
          party: 'school',
          userId: user.userId,
          email: user.email,
          fullName,
          statement: signatureStatements.school,
          signedAt: iso(now),
          documentSha256: doc.sha256,
          documentText: doc.text,
          auditHash: eventHash,
        }),
        ...officers.map((o) =>
          queueMail(
            db,
            {
              to: o.email,
              subject: messages.mail.signedSubject(doc.school.name),
              body: messages.mail.signedBody(doc.school.name, inbox),
              links: [inbox],
            },
            now,
          ),
        ),
      ],
      events: [
        {
          action: 'agreement.signed',
          subjectType: 'agreement',
          subjectId: doc.agreement.verificationCode,
          actorUserId: user.userId,
          data: { sha256: doc.sha256, email: user.email },
        },
      ],
    });
  } catch (error) {
    // The same signature pressed twice at once: the second finds the first and is done.
    if (
      error instanceof AppError &&
      error.code === 'DOCUMENT_CHANGED' &&
      alreadySigned(await loadAgreementDocument({ db, agreementId }), user, shownSha256)
    )
      return;
    throw error;
  }
}

const alreadySigned = (doc: AgreementDocument, user: SessionUser, sha256: string) =>
  doc.agreement.status === 'awaiting' &&
  doc.signatures.some((s) => s.party === 'school' && s.documentSha256 === sha256 && s.userId === user.userId);

const flatten = (a: AgreementAdditions) => ({
  ...Object.fromEntries(Object.entries(a.sections).map(([k, v]) => [`section.${k}`, v])),
  ...Object.fromEntries(Object.entries(a.meetings).map(([k, v]) => [`meeting.${k}`, v])),
});

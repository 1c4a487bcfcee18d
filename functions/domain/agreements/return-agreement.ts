import { sql } from 'drizzle-orm';
import { agreements } from '../../db/schema';
import { messages } from '../../messages';
import { queueMail } from '../mail';
import { iso } from '../time';
import { commitExpecting, rowExists } from '../transition';
import { explainRefusal, loadForDistrictStep, schoolAddresses } from './district-step';
import type { AgreementAct } from './load-agreement';

/**
 * The district sends the agreement back to the school with a comment, to change and sign again.
 * Expects the awaiting version it read: of several returns and confirmations at once, one wins,
 * and the school gets one letter.
 */
export async function returnAgreement({
  db,
  user,
  agreementId,
  comment,
  origin,
  now,
}: AgreementAct & {
  comment: string;
  origin: string;
  now: Date;
}) {
  const { doc, expected } = await loadForDistrictStep({ db, user, agreementId });
  const link = `${origin}/skola/overenskommelse`;
  try {
    await commitExpecting(db, {
      now,
      expect: rowExists(db, agreements, expected),
      refused: 'AGREEMENT_CHANGED',
      statements: [
        db
          .update(agreements)
          .set({
            status: 'returned',
            returnComment: comment,
            updatedAt: iso(now),
            version: sql`${agreements.version} + 1`,
          })
          .where(expected),
        ...schoolAddresses(doc.school).map((to) =>
          queueMail(
            db,
            {
              to,
              subject: messages.mail.returnedSubject,
              body: messages.mail.returnedBody(doc.school.name, doc.agreement.districtName, comment, link),
              links: [link],
            },
            now,
          ),
        ),
      ],
      events: [
        {
          action: 'agreement.returned',
          subjectType: 'agreement',
          subjectId: doc.agreement.verificationCode,
          actorUserId: user.userId,
          data: { comment },
        },
      ],
    });
  } catch (error) {
    await explainRefusal(db, agreementId, error);
  }
}

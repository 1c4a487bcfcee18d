import { and, eq, inArray, sql } from 'drizzle-orm';
import { agreements, type AgreementAdditions } from '../../db/schema';
import { AppError } from '../../errors';
import { isSchoolMember } from '../access';
import { iso } from '../time';
import { commitExpecting, rowExists } from '../transition';
import { type AgreementAct, loadAgreementDocument } from './load-agreement';

const editable = ['draft', 'returned'] as const;

/**
 * Saves the school's local additions to a draft or a returned agreement. The write expects the
 * version it read: a save that meets a signature (or another save) in between changes nothing.
 */
export async function saveDraft({
  db,
  user,
  agreementId,
  values,
  now,
}: AgreementAct & {
  values: AgreementAdditions;
  now: Date;
}) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isSchoolMember(user, doc.school.id)) throw new AppError('FORBIDDEN');
  if (!(editable as readonly string[]).includes(doc.agreement.status)) throw new AppError('AGREEMENT_ORDER');
  const expected = and(
    eq(agreements.id, agreementId),
    eq(agreements.version, doc.agreement.version),
    inArray(agreements.status, editable),
  );
  await commitExpecting(db, {
    now,
    expect: rowExists(db, agreements, expected),
    refused: 'AGREEMENT_CHANGED',
    statements: [
      db
        .update(agreements)
        .set({ additions: values, updatedAt: iso(now), version: sql`${agreements.version} + 1` })
        .where(expected),
    ],
    events: [
      {
        action: 'agreement.draft_saved',
        subjectType: 'agreement',
        subjectId: doc.agreement.verificationCode,
        actorUserId: user.userId,
      },
    ],
  });
}

import { AppError } from '../../errors';
import { isSchoolMember } from '../access';
import { createDraft, openAgreementOf } from './create-draft';
import { type AgreementAct, loadAgreementDocument } from './load-agreement';

/** Revising starts a new version from a confirmed or expired agreement; the old one stays readable. */
export async function reviseAgreement({
  db,
  user,
  agreementId,
  now,
}: AgreementAct & {
  now: Date;
}) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isSchoolMember(user, doc.school.id)) throw new AppError('FORBIDDEN');
  const open = await openAgreementOf(db, doc.school.id);
  if (open) return { agreementId: open.id };
  if (doc.agreement.status !== 'confirmed' && doc.agreement.status !== 'expired') throw new AppError('AGREEMENT_ORDER');
  return createDraft(db, { user, school: doc.school, previous: doc.agreement, now });
}

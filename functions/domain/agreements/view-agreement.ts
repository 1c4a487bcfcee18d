import { AppError } from '../../errors';
import { isCoordinator, isOfficerOf, isSchoolMember } from '../access';
import { loadAgreementDocument, type AgreementAct } from './load-agreement';

/** An agreement for someone entitled to see it: the school, its district's officers, the city. */
export async function viewAgreement({ db, user, agreementId }: AgreementAct) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isSchoolMember(user, doc.school.id) && !isOfficerOf(user, doc.agreement.districtId) && !isCoordinator(user))
    throw new AppError('FORBIDDEN');
  return doc;
}

import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { isCoordinator, isOfficerOf, isSchoolMember } from '../access';
import type { SessionUser } from '../sign-in';
import { loadAgreementDocument } from './load-agreement';

/** An agreement for someone entitled to see it: the school, its district's officers, the city. */
export async function viewAgreement({ db, user, agreementId }: { db: Db; user: SessionUser; agreementId: number }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isSchoolMember(user, doc.school.id) && !isOfficerOf(user, doc.agreement.districtId) && !isCoordinator(user))
    throw new AppError('FORBIDDEN');
  return doc;
}

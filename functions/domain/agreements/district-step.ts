import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreements } from '../../db/schema';
import { AppError } from '../../errors';
import type { ErrorCode } from '../../messages';
import { isOfficerOf, isSchoolMember } from '../access';
import { type AgreementAct, loadAgreementDocument } from './load-agreement';

/** Why a district step finds the agreement in another state. */
const refusalFor = (status: string): ErrorCode =>
  status === 'confirmed'
    ? 'ALREADY_CONFIRMED'
    : status === 'returned'
      ? 'ALREADY_RETURNED'
      : status === 'awaiting'
        ? 'AGREEMENT_CHANGED'
        : 'NOT_SIGNED_BY_SCHOOL';

/**
 * What confirming and returning share: only an officer of the agreement's own district who is
 * not also on the school's side, only while the agreement awaits the district; `expected` is the
 * awaiting version read, for the conditional write.
 */
export async function loadForDistrictStep({ db, user, agreementId }: AgreementAct) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isOfficerOf(user, doc.agreement.districtId)) throw new AppError('FORBIDDEN');
  if (isSchoolMember(user, doc.school.id)) throw new AppError('BOTH_SIDES');
  if (doc.agreement.status !== 'awaiting') throw new AppError(refusalFor(doc.agreement.status));
  const expected = and(
    eq(agreements.id, agreementId),
    eq(agreements.version, doc.agreement.version),
    eq(agreements.status, 'awaiting'),
  );
  return { doc, expected };
}

/** A district step refused by its conditional write says why: the state the agreement is in now. */
export async function explainRefusal(db: Db, agreementId: number, error: unknown): Promise<never> {
  if (error instanceof AppError && error.code === 'AGREEMENT_CHANGED') {
    throw new AppError(refusalFor((await loadAgreementDocument({ db, agreementId })).agreement.status), {
      cause: error,
    });
  }
  throw error;
}

export const schoolAddresses = (school: { contactEmail: string; principalEmail: string }) => [
  ...new Set([school.contactEmail, school.principalEmail]),
];

import { officerDistrictIds } from '../domain/access';
import { confirmSignOff } from '../domain/agreements/confirm-sign-off';
import { returnAgreement } from '../domain/agreements/return-agreement';
import { updateDistrictContact } from '../domain/district-desk';
import { AppError } from '../errors';
import { confirmSchema, returnFields, returnSchema, signFields } from '../validation/agreement';
import { districtContactFields, districtContactSchema } from '../validation/district';
import { parseForm, showAgain, signedIn, type FormHandler } from './form';

// The district's side. As on the school's side, a refusal from the domain (another district, not
// awaiting any more, changed meanwhile) goes on to answerForm, which shows it on the same page.

/** The agreement of /stadsdel/overenskommelse/[id]; null when the path holds no id. */
function known(agreementId: number | null): number {
  if (agreementId === null) throw new AppError('NOT_FOUND');
  return agreementId;
}

/** ?atgard=bekrafta: the officer countersigns the text the page showed. */
export const confirmAgreementForm =
  (agreementId: number | null): FormHandler =>
  async ({ db, env, user, values, now }) => {
    const parsed = parseForm(confirmSchema, values, signFields);
    if (!parsed.ok) return showAgain(values, parsed.errors);
    const { fullName, documentSha256 } = parsed.data;
    await confirmSignOff({
      db,
      user: signedIn(user),
      agreementId: known(agreementId),
      fullName,
      shownSha256: documentSha256,
      origin: env.PUBLIC_ORIGIN,
      now,
    });
    return { redirect: '/stadsdel/inkorg?bekraftad=1' };
  };

/** ?atgard=returnera: back to the school with a comment. */
export const returnAgreementForm =
  (agreementId: number | null): FormHandler =>
  async ({ db, env, user, values, now }) => {
    const parsed = parseForm(returnSchema, values, returnFields);
    if (!parsed.ok) return showAgain(values, parsed.errors);
    await returnAgreement({
      db,
      user: signedIn(user),
      agreementId: known(agreementId),
      comment: parsed.data.comment,
      origin: env.PUBLIC_ORIGIN,
      now,
    });
    return { redirect: '/stadsdel/inkorg?returnerad=1' };
  };

/** /stadsdel/kontakt: the contact function of the officer's own district. */
export const districtContactForm: FormHandler = async ({ db, env, user, values, now }) => {
  const parsed = parseForm(districtContactSchema, values, districtContactFields);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const officer = signedIn(user);
  const [districtId] = officerDistrictIds(officer);
  if (districtId === undefined) throw new AppError('FORBIDDEN');
  await updateDistrictContact({ db, user: officer, districtId, input: parsed.data, origin: env.PUBLIC_ORIGIN, now });
  return { redirect: '/stadsdel/kontakt?sparat=1' };
};

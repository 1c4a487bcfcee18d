import { viewAgreement } from '../domain/agreements/view-agreement';
import { reviseAgreement } from '../domain/agreements/revise-agreement';
import { saveDraft } from '../domain/agreements/save-draft';
import { signAgreement } from '../domain/agreements/sign-agreement';
import { startAgreement } from '../domain/agreements/start-agreement';
import { AppError } from '../errors';
import { parseId, requireId } from '../http/ids';
import { additionFields, additionsSchema, signFields, signSchema } from '../validation/agreement';
import { parseForm, showAgain, signedIn, type FormHandler } from './form';

// The school's side of the agreement. A refusal from the domain (an AppError: not this school,
// not the principal, changed meanwhile) is thrown on to answerForm, which shows its message on
// the same page with the answers kept, under the status its code has in the catalogue.

/** The agreement a page is about, from its ?id=. */
function agreementIdOf(url: URL): number {
  return requireId(url.searchParams.get('id'));
}

/** /skola/overenskommelse?atgard=starta: a draft for the school in the hidden field (or the open one). */
export const startAgreementForm: FormHandler = async ({ db, user, values, now }) => {
  const schoolId = parseId(values['schoolId']);
  if (schoolId === null) throw new AppError('FORBIDDEN');
  const { agreementId } = await startAgreement({ db, user: signedIn(user), schoolId, now });
  return { redirect: `/skola/overenskommelse/utkast?id=${agreementId}` };
};

/** /skola/overenskommelse?atgard=revidera&id=: a new version of the agreement in force. */
export const reviseAgreementForm: FormHandler = async ({ db, user, url, now }) => {
  const { agreementId } = await reviseAgreement({ db, user: signedIn(user), agreementId: agreementIdOf(url), now });
  return { redirect: `/skola/overenskommelse/utkast?id=${agreementId}` };
};

/**
 * /skola/overenskommelse/utkast?id=: "spara" keeps a draft even with empty fields; "granska" needs
 * every local addition and goes on to the preview. The fields come from the agreement's template.
 */
export const saveDraftForm: FormHandler = async ({ db, user, values, url, now }) => {
  const agreementId = agreementIdOf(url);
  const school = signedIn(user);
  const { action, ...answers } = values;
  const doc = await viewAgreement({ db, user: school, agreementId });
  const toPreview = action === 'granska';
  const content = doc.template.content;
  const parsed = parseForm(additionsSchema(content, { complete: toPreview }), answers, additionFields(content));
  if (!parsed.ok) return showAgain(values, parsed.errors);
  await saveDraft({ db, user: school, agreementId, values: parsed.data, now });
  return {
    redirect: toPreview
      ? `/skola/overenskommelse/granska?id=${agreementId}`
      : `/skola/overenskommelse/utkast?id=${agreementId}&sparat=1`,
  };
};

/** /skola/overenskommelse/granska?id=: the principal signs the text the page showed (its SHA-256). */
export const signAgreementForm: FormHandler = async ({ db, env, user, values, url, now }) => {
  const agreementId = agreementIdOf(url);
  const parsed = parseForm(signSchema, values, signFields);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const { fullName, documentSha256 } = parsed.data;
  await signAgreement({
    db,
    user: signedIn(user),
    agreementId,
    fullName,
    shownSha256: documentSha256,
    origin: env.PUBLIC_ORIGIN,
    now,
  });
  return { redirect: '/skola/overenskommelse?undertecknad=1' };
};

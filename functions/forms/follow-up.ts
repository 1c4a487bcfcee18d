import { getFollowUp, saveFollowUp } from '../domain/follow-ups';
import { requireId } from '../http/ids';
import { followUpFields, followUpSchema } from '../validation/follow-up';
import { parseForm, showAgain, signedIn, type FormHandler } from './form';

const pageFor = { school: '/skola/uppfoljning', district: '/stadsdel/uppfoljning' } as const;

/**
 * Both parties' yearly follow-up of the agreement named by `?id=`, on /skola/uppfoljning and
 * /stadsdel/uppfoljning: save a draft or submit. The domain checks which side the user answers for.
 */
export const answerFollowUp: FormHandler = async ({ db, user: sender, url, values: { action, ...values }, now }) => {
  const user = signedIn(sender);
  const agreementId = requireId(url.searchParams.get('id'));
  const { doc, side } = await getFollowUp({ db, user, agreementId, now });
  const submit = action === 'skicka';
  const parsed = parseForm(
    followUpSchema(doc.template.content, { complete: submit }),
    values,
    followUpFields(doc.template.content),
  );
  if (!parsed.ok) return showAgain(values, parsed.errors);
  await saveFollowUp({ db, user, agreementId, answers: parsed.data, submit, now });
  return { redirect: `${pageFor[side]}?id=${agreementId}&${submit ? 'skickat' : 'sparat'}=1` };
};

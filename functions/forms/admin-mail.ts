import { discardMail, resendMail } from '../domain/mail-desk';
import { requireId } from '../http/ids';
import { mailActionSchema } from '../validation/mail';
import { coordinatorOf } from './coordinator';
import { parseForm, showAgain, type FormHandler } from './form';

/**
 * /admin/e-post?atgard=skicka-igen|kasta&id=<mailId>: back to the queue, or given up. A message
 * someone else handled meanwhile comes back as the page shows it now.
 */
const mailAction =
  (action: typeof resendMail, done: string): FormHandler =>
  async ({ db, user, values, url, now }) => {
    const coordinator = coordinatorOf(user);
    const parsed = parseForm(mailActionSchema, values, []);
    if (!parsed.ok) return showAgain({}, parsed.errors);
    const mailId = requireId(url.searchParams.get('id'));
    // MAIL_HANDLED (409) comes back through answerForm as a message above the list.
    await action({ db, actorUserId: coordinator.userId, mailId, now });
    return { redirect: `/admin/e-post?${done}=1` };
  };

export const resendMailForm = mailAction(resendMail, 'skickas');
export const discardMailForm = mailAction(discardMail, 'kastat');

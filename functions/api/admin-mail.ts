import { Hono, type Context } from 'hono';
import { openDb } from '../db/client';
import { discardMail, resendMail } from '../domain/mail-desk';
import { AppError } from '../errors';
import { messages } from '../messages';
import { mailActionSchema } from '../validation/mail';
import { parseForm, readForm } from './form';
import { requireRole } from './middleware';
import { idParam, signedInUser } from './params';
import { renderPage } from './render';
import type { AppEnv } from './types';

const page = '/admin/e-post';

/** Resend or discard: a message someone else handled meanwhile comes back as the page shows it now. */
async function handle(c: Context<AppEnv>, action: typeof resendMail, done: string) {
  const parsed = parseForm(mailActionSchema, await readForm(c), []);
  if (!parsed.ok) return renderPage(c, page, { values: {}, errors: {}, formError: Object.values(parsed.errors)[0] ?? messages.errors.BAD_REQUEST }, 400);
  try {
    await action({ db: openDb(c.env.DB), actorUserId: signedInUser(c).userId, mailId: idParam(c, 'mailId'), now: new Date() });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'MAIL_HANDLED')) throw error;
    return renderPage(c, page, { values: {}, errors: {}, formError: error.message }, error.status);
  }
  return c.redirect(`${page}?${done}=1`, 303);
}

/** The coordinator's view of mail that did not go out: back to the queue, or given up. */
export const adminMail = new Hono<AppEnv>()
  .use(requireRole('coordinator'))
  .post('/:mailId/skicka-igen', (c) => handle(c, resendMail, 'skickas'))
  .post('/:mailId/kasta', (c) => handle(c, discardMail, 'kastat'));

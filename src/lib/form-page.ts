import type { AstroGlobal } from 'astro';
import { env } from 'cloudflare:workers';
import { AppError, toAppError } from '../../functions/errors';
import { emptyFormState, type FormState } from '../../functions/http/form-state';
import { refuse, type FormHandler, type FormOutcome } from '../../functions/forms/form';
import { db } from './db';

/**
 * Answers a form posted to this page (GOV.UK's post/redirect/get): the handler's redirect becomes
 * a 303, so reload and Back never post again; otherwise the page renders again with the state it
 * returns, under the handler's status. A page with several forms passes one handler per action,
 * chosen by the form's `?atgard=` query. On GET the state is empty. A refusal the middleware made
 * (CSRF, size, format) and any error the handler throws come back as a message in the error
 * summary, under the error's status (503 when D1 failed).
 */
export async function answerForm(
  astro: AstroGlobal,
  handler: FormHandler | Record<string, FormHandler>,
): Promise<FormState | Response> {
  if (astro.request.method !== 'POST') return emptyFormState;
  astro.locals.formAnswered = true;
  const outcome = await outcomeOf(astro, handler).catch((error: unknown) => {
    const refused = toAppError(error);
    if (refused.status >= 500) console.error(error);
    if (refused.code === 'UNAUTHENTICATED')
      return { redirect: `/logga-in?tillbaka=${encodeURIComponent(astro.url.pathname)}` };
    // Every change is one batch, so a failure saved nothing: the answers come back to send again.
    const posted = astro.locals.posted;
    return refuse(posted && 'values' in posted ? posted.values : {}, refused);
  });
  if ('redirect' in outcome) return astro.redirect(outcome.redirect, 303);
  astro.response.status = outcome.status;
  return outcome.state;
}

async function outcomeOf(astro: AstroGlobal, handler: FormHandler | Record<string, FormHandler>): Promise<FormOutcome> {
  const posted = astro.locals.posted;
  if (!posted) throw new AppError('BAD_REQUEST');
  if ('refused' in posted) throw posted.refused;
  const chosen = typeof handler === 'function' ? handler : handler[astro.url.searchParams.get('atgard') ?? ''];
  if (!chosen) throw new AppError('NOT_FOUND');
  const context = {
    db: db(),
    env,
    user: astro.locals.user,
    values: posted.values,
    url: astro.url,
    headers: astro.request.headers,
    cookies: astro.cookies,
    now: new Date(),
  };
  return chosen(context);
}

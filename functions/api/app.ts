import { Hono, type Context } from 'hono';
import { AppError, toAppError } from '../errors';
import { limitBody } from './body-limit';
import { openData } from './open-data';
import { dev } from './dev';
import { health } from './health';
import { isFormPost, loadSession, verifyCsrf } from './middleware';
import { renderPage } from './render';
import type { AppEnv } from './types';

import { formLimitFor } from '../http/form-post';

// strict: false, so that /api/oppna-data/ and /api/oppna-data are the same address.
export const api = new Hono<AppEnv>({ strict: false }).basePath('/api');

// No answer of the API is kept by a browser or a cache unless its route says so: most carry
// personal data or set cookies. (Open data says `public`.)
api.use(async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
});
// Every body is read to the end before the answer (see body-limit.ts); the CSV import may be larger.
api.use((c, next) => limitBody(formLimitFor(c.req.path.replace(/^\/api/, '')))(c, next));
api.use(loadSession);
api.use(verifyCsrf);

api.route('/health', health);
api.route('/oppna-data', openData);
api.route('/dev', dev);

api.notFound(() => {
  throw new AppError('NOT_FOUND');
});

api.onError(answerError);

// A form post that fails gets a Swedish page; anything else gets JSON. Never a stack trace.
async function answerError(error: unknown, c: Context<AppEnv>): Promise<Response> {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error(error);
  if (appError.code === 'UNAUTHENTICATED' && isFormPost(c.req.header('content-type'))) return c.redirect('/logga-in', 303);
  if (isFormPost(c.req.header('content-type'))) {
    const page = await renderPage(c, '/fel', { values: {}, errors: {}, formError: appError.message }, appError.status).catch(() => null);
    if (page) return page;
  }
  return c.json({ error: { code: appError.code, message: appError.message } }, appError.status);
}

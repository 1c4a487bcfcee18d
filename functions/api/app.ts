import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, toAppError } from '../errors';
import { admin } from './admin';
import { dev } from './dev';
import { health } from './health';
import { isFormPost, loadSession, verifyCsrf } from './middleware';
import { registration } from './registration';
import { renderPage } from './render';
import { school } from './school';
import { signIn } from './sign-in';
import type { AppEnv } from './types';

export const maxBodyBytes = 32 * 1024;

export const api = new Hono<AppEnv>().basePath('/api');

api.use(bodyLimit({ maxSize: maxBodyBytes, onError: () => { throw new AppError('PAYLOAD_TOO_LARGE'); } }));
api.use(loadSession);
api.use(verifyCsrf);

api.route('/health', health);
api.route('/', signIn);
api.route('/registrering', registration);
api.route('/skola', school);
api.route('/admin', admin);
api.route('/dev', dev);

api.notFound(() => {
  throw new AppError('NOT_FOUND');
});

// A form post that fails gets a Swedish page; anything else gets JSON. Never a stack trace.
api.onError(async (error, c) => {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error(error);
  if (appError.code === 'UNAUTHENTICATED' && isFormPost(c.req.header('content-type'))) return c.redirect('/logga-in', 303);
  if (isFormPost(c.req.header('content-type'))) {
    const page = await renderPage(c, '/fel', { values: {}, errors: {}, formError: appError.message }, appError.status).catch(() => null);
    if (page) return page;
  }
  return c.json({ error: { code: appError.code, message: appError.message } }, appError.status);
});

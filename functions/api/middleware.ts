import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { openDb } from '../db/client';
import { getSessionUser } from '../domain/sign-in';
import { safeEqual } from '../domain/crypto';
import { AppError } from '../errors';
import { csrfCookie, readCookie, sessionCookie } from '../http/cookies';
import { formToken, sentFromElsewhere } from '../http/csrf';
import type { AppEnv } from './types';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The posted form, parsed once (Hono caches it); a body that cannot be parsed is a 400. */
export async function formBody(c: Context<AppEnv>) {
  try {
    return await c.req.parseBody({ all: true });
  } catch (error) {
    throw new AppError('BAD_REQUEST', { cause: error });
  }
}

export const isFormPost = (contentType: string | undefined) => formTypes.some((t) => contentType?.startsWith(t));

/** The signed-in user, if any, for every API request. */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = readCookie(c.req.header('cookie'), sessionCookie);
  c.set('sessionToken', token);
  c.set('user', token ? await getSessionUser({ db: openDb(c.env.DB), token, now: new Date() }) : null);
  await next();
});

/**
 * CSRF check for every state-changing request: it must not come from another site (Origin,
 * Sec-Fetch-Site), and the form field (or the X-CSRF-Token header for JSON) must be the token the
 * page was served with, keyed from the __Host-csrf cookie and the session (see http/csrf.ts).
 * Another site can make the browser send the cookies but can neither read nor make the token.
 */
export const verifyCsrf = createMiddleware<AppEnv>(async (c, next) => {
  if (safeMethods.has(c.req.method)) return next();
  const contentType = c.req.header('content-type');
  if (c.req.method === 'POST' && !isFormPost(contentType) && !contentType?.startsWith('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  if (sentFromElsewhere(c.req.raw.headers, c.env.PUBLIC_ORIGIN)) throw new AppError('CSRF_FAILED');
  const browserId = readCookie(c.req.header('cookie'), csrfCookie);
  let sent = c.req.header('x-csrf-token');
  if (sent === undefined && isFormPost(contentType)) {
    const field = (await formBody(c))['csrf'];
    sent = typeof field === 'string' ? field : undefined;
  }
  if (!browserId || !sent || !safeEqual(await formToken(browserId, c.get('sessionToken')), sent)) throw new AppError('CSRF_FAILED');
  await next();
});

/** Only for a signed-in user holding one of the roles. */
export const requireRole = (...roles: readonly string[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!user.memberships.some((m) => roles.includes(m.role))) throw new AppError('FORBIDDEN');
    await next();
  });

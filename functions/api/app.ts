import { Hono } from 'hono';
import { AppError, toAppError } from '../errors';
import { maxFormBytes } from '../http/form-post';
import { limitBody } from './body-limit';
import { dev } from './dev';
import { health } from './health';
import { openData } from './open-data';
import type { AppEnv } from './types';

// The JSON API: health, the open data and the local mailbox. Every form posts to its own page
// (src/lib/form-page.ts), so the API is only read.

// strict: false, so that /api/oppna-data/ and /api/oppna-data are the same address.
export const api = new Hono<AppEnv>({ strict: false }).basePath('/api');

// No answer of the API is kept by a browser or a cache unless its route says so (open data says
// `public`).
api.use(async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
});
// Every body is read to the end before the answer (see body-limit.ts), then anything but a read
// is refused.
api.use(limitBody(maxFormBytes));
api.use(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') throw new AppError('METHOD_NOT_ALLOWED');
  await next();
});

api.route('/health', health);
api.route('/oppna-data', openData);
api.route('/dev', dev);

api.notFound(() => {
  throw new AppError('NOT_FOUND');
});

// Swedish JSON, never a stack trace.
api.onError((error, c) => {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error(error);
  if (appError.code === 'METHOD_NOT_ALLOWED') c.header('Allow', 'GET, HEAD');
  return c.json({ error: { code: appError.code, message: appError.message } }, appError.status);
});

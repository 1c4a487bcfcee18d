import { Hono } from 'hono';
import { toAppError } from '../errors';
import { messages } from '../messages';
import { health } from './health';

export const api = new Hono<{ Bindings: Env }>().basePath('/api');

api.route('/health', health);

api.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: messages.errors.NOT_FOUND } }, 404));
api.onError((error, c) => {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error(error);
  return c.json({ error: { code: appError.code, message: appError.message } }, appError.status);
});

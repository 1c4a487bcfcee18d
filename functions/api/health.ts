import { Hono } from 'hono';
import { version } from '../../package.json';
import { checkHealth } from '../domain/health';
import { messages } from '../messages';

export const health = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const result = await checkHealth({ d1: c.env.DB, version });
  c.header('Cache-Control', 'no-store');
  if (result.ok) return c.json({ status: 'ok', ...result });
  return c.json({ status: 'unavailable', message: messages.errors.DB_UNAVAILABLE, ...result }, 503);
});

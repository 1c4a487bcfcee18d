import { Hono } from 'hono';
import { openDb } from '../db/client';
import { listOutbox } from '../domain/outbox';
import { AppError } from '../errors';
import type { AppEnv } from './types';

/** Local development only: every e-mail the portal wrote to its outbox. */
export const dev = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (c.env.APP_ENV !== 'development') throw new AppError('NOT_FOUND');
    await next();
  })
  .get('/mail', async (c) => c.json({ messages: await listOutbox({ db: openDb(c.env.DB) }) }));

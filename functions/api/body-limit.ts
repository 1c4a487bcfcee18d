import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors';
import { readWithin } from '../http/body-limit';
import type { AppEnv } from './types';

/**
 * Reads every request body to its end before anything answers, and refuses one over the limit
 * with 413, whether its size was declared or not. An answer given early (415, 403, 413) must not
 * leave the body half-read: that breaks the connection it came on, and the next request on it
 * fails. The part over the limit is drained, never kept.
 */
export const limitBody = (maxBytes: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const kept = await readWithin(body, maxBytes);
    if (!kept) throw new AppError('PAYLOAD_TOO_LARGE');
    c.req.raw = new Request(c.req.raw, { body: kept });
    await next();
  });

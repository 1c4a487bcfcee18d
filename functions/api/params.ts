import type { Context } from 'hono';
import { AppError } from '../errors';
import type { AppEnv } from './types';

/** The positive integer in the route's :id, or a 404. */
export function idParam(c: Context<AppEnv>, name = 'id'): number {
  const id = Number.parseInt(c.req.param(name) ?? '', 10);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  return id;
}

/** The signed-in user; routes behind requireRole always have one. */
export function signedInUser(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

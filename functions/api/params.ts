import type { Context } from 'hono';
import { AppError } from '../errors';
import { parseId } from '../http/ids';
import type { AppEnv } from './types';

/** The positive integer in the route's :id, or a 404. */
export function idParam(c: Context<AppEnv>, name = 'id'): number {
  const id = parseId(c.req.param(name));
  if (id === null) throw new AppError('NOT_FOUND');
  return id;
}

/** The signed-in user; routes behind requireRole always have one. */
export function signedInUser(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

import { isCoordinator } from '../domain/access';
import type { SessionUser } from '../domain/sign-in';
import { AppError } from '../errors';

/**
 * The coordinator who sent an /admin form. The middleware lets only coordinators reach /admin;
 * the handler asks again, so that a form answered elsewhere can never skip the check.
 */
export function coordinatorOf(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!isCoordinator(user)) throw new AppError('FORBIDDEN');
  return user;
}

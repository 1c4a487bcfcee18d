import { isCoordinator } from '../domain/access';
import type { SessionUser } from '../domain/sign-in';
import { AppError } from '../errors';
import { signedIn } from './form';

/**
 * The coordinator who sent an /admin form. The middleware lets only coordinators reach /admin;
 * the handler asks again, so that a form answered elsewhere can never skip the check.
 */
export function coordinatorOf(user: SessionUser | null): SessionUser {
  const sender = signedIn(user);
  if (!isCoordinator(sender)) throw new AppError('FORBIDDEN');
  return sender;
}

import type { SessionUser } from '../domain/sign-in';

/** Where a signed-in user starts: the coordinator's desk, the district's or the school's pages. */
export function homeFor(user: Pick<SessionUser, 'memberships'> | null): string {
  const roles = new Set(user?.memberships.map((m) => m.role));
  if (roles.has('coordinator')) return '/admin/';
  if (roles.has('officer')) return '/stadsdel/';
  if (roles.has('principal') || roles.has('contact')) return '/skola/';
  return '/logga-in';
}

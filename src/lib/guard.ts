import { areaRoles } from '../../functions/domain/access';
import type { SessionUser } from '../../functions/domain/sign-in';

type Area = 'public' | 'school' | 'district' | 'admin' | 'dev';

const areas: [string, Area][] = [
  ['/skola/', 'school'],
  ['/stadsdel/', 'district'],
  ['/admin/', 'admin'],
  ['/dev/', 'dev'],
];

const rolesFor: Record<Exclude<Area, 'public' | 'dev'>, readonly string[]> = areaRoles;

export function areaFor(path: string): Area {
  for (const [prefix, area] of areas) if (path === prefix.replace(/\/$/, '') || path.startsWith(prefix)) return area;
  return 'public';
}

/**
 * Who may see a page: anonymous users go to sign in; a signed-in user without the role is
 * refused. (The public district pages live under /stadsdelar/, which is not /stadsdel/.)
 */
export function guard(area: Area, user: SessionUser | null, url: URL): string | 'forbidden' | null {
  if (area === 'public' || area === 'dev') return null;
  if (!user) return `/logga-in?tillbaka=${encodeURIComponent(url.pathname)}`;
  return user.memberships.some((m) => rolesFor[area].includes(m.role)) ? null : 'forbidden';
}

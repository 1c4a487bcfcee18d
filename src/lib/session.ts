import type { AstroCookies } from 'astro';
import { getSessionUser } from '../../functions/domain/sign-in';
import { randomToken } from '../../functions/domain/crypto';
import { cookieOptions, csrfCookie, sessionCookie } from '../../functions/http/cookies';
import { db } from './db';

/** The CSRF token for this browser, set as a cookie the first time it asks for a page. */
export function ensureCsrf(cookies: AstroCookies): string {
  const existing = cookies.get(csrfCookie)?.value;
  if (existing && /^[\w-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  cookies.set(csrfCookie, token, cookieOptions);
  return token;
}

export async function loadUser(cookies: AstroCookies) {
  const token = cookies.get(sessionCookie)?.value;
  return token ? getSessionUser({ db: db(), token, now: new Date() }) : null;
}

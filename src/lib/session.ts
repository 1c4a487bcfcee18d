import type { AstroCookies } from 'astro';
import { getSessionUser } from '../../functions/domain/sign-in';
import { randomToken } from '../../functions/domain/crypto';
import { cookieOptions, csrfCookie, sessionCookie } from '../../functions/http/cookies';
import { formToken } from '../../functions/http/csrf';
import { db } from './db';

/**
 * The CSRF token for this page's forms: the browser gets a random id in a cookie the first time
 * it asks for a page, and the token is keyed from that id and the session (see http/csrf.ts).
 */
export async function ensureCsrf(cookies: AstroCookies): Promise<string> {
  let browserId = cookies.get(csrfCookie)?.value;
  if (!browserId || !/^[\w-]{43}$/.test(browserId)) {
    browserId = randomToken();
    cookies.set(csrfCookie, browserId, cookieOptions);
  }
  return formToken(browserId, cookies.get(sessionCookie)?.value);
}

export async function loadUser(cookies: AstroCookies) {
  const token = cookies.get(sessionCookie)?.value;
  return token ? getSessionUser({ db: db(), token, now: new Date() }) : null;
}

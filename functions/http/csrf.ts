import { sha256Hex } from '../domain/crypto';
import { keyedToken } from '../domain/secrets';

/**
 * The token every form carries: keyed from this browser's `__Host-csrf` cookie and its session
 * (the SHA-256 of the session cookie, as D1 holds it). A token from another browser or another
 * session does not match, and no one without PORTAL_SECRET can make one.
 */
export async function formToken(browserId: string, sessionToken: string | undefined): Promise<string> {
  return keyedToken('csrf', `${browserId}:${sessionToken ? await sha256Hex(sessionToken) : ''}`);
}

/**
 * Whether a state-changing request was sent by another site. Browsers say so in Sec-Fetch-Site,
 * which no page can forge, and in Origin. A page of ours that sends no referrer (the sign-in link
 * page) makes the browser send `Origin: null`, so that counts only beside Sec-Fetch-Site:
 * same-origin. A client that sends neither header (curl, a script) is judged by its token alone.
 */
export function sentFromElsewhere(headers: Headers, publicOrigin: string): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return true;
  const origin = headers.get('origin');
  if (origin === null || origin === new URL(publicOrigin).origin) return false;
  return !(origin === 'null' && site === 'same-origin');
}

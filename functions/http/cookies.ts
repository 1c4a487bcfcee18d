// Cookie names and attributes, shared by the Hono routes and the Astro pages. The __Host- prefix
// makes the browser insist on Secure, Path=/ and no Domain, so a sibling site cannot plant them.
export const sessionCookie = '__Host-session';
export const csrfCookie = '__Host-csrf';
/** The transient state of one sign-in with the city's account (see domain/oidc.ts). */
export const cityAccountCookie = '__Host-oidc';
/** The D1 bookmark of a visitor's latest read or write, so their next request reads at least that (see db/replica.ts). */
export const bookmarkCookie = '__Host-d1-bookmark';

export const cookieOptions = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' } as const;

/** Reads one cookie from a Cookie header; a value that is not valid percent-encoding counts as absent. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeOrUndefined(rest.join('='));
  }
  return undefined;
}

function decodeOrUndefined(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

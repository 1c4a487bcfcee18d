// Cookie names and attributes, shared by the Hono routes and the Astro pages. The __Host- prefix
// makes the browser insist on Secure, Path=/ and no Domain, so a sibling site cannot plant them.
export const sessionCookie = '__Host-session';
export const csrfCookie = '__Host-csrf';
/** The transient state of one sign-in with the city's account (see domain/oidc.ts). */
export const cityAccountCookie = '__Host-oidc';

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

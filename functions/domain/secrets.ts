// Keys that D1 never holds. The Worker secret PORTAL_SECRET (`wrangler secret put PORTAL_SECRET`;
// locally `npm start` makes one and keeps it in .wrangler/state) is the root: each use gets a key
// of its own, derived with HMAC, so a key for one purpose never works for another.

export type KeyPurpose = 'audit' | 'csrf' | 'form-draft' | 'mail-token' | 'oidc';

let rootSecret: string | undefined;

/** Set once per request or cron run from the Worker's environment (scripts and tests call it too). */
export function useSecret(secret: string | undefined): void {
  rootSecret = secret && secret.length >= 32 ? secret : undefined;
}

export const hasSecret = () => rootSecret !== undefined;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(secret: string, purpose: KeyPurpose): Promise<CryptoKey> {
  const id = `${purpose}:${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
      .then((root) => crypto.subtle.sign('HMAC', root, encoder.encode(`samverkansportalen:${purpose}`)))
      .then((derived) => crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
    keys.set(id, key);
  }
  return key;
}

/** HMAC-SHA-256 of a message with the key for one purpose, as bytes. */
export async function keyedBytes(purpose: KeyPurpose, message: string): Promise<Uint8Array> {
  if (!rootSecret)
    throw new Error('PORTAL_SECRET saknas: portalen kan inte skydda tokens och händelsekedjan utan den.');
  return new Uint8Array(
    await crypto.subtle.sign('HMAC', await importKey(rootSecret, purpose), encoder.encode(message)),
  );
}

/** The same, as lower-case hex. */
export async function keyedHex(purpose: KeyPurpose, message: string): Promise<string> {
  return [...(await keyedBytes(purpose, message))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The same, as base64url (for tokens in links and cookies). */
export async function keyedToken(purpose: KeyPurpose, message: string): Promise<string> {
  const bytes = await keyedBytes(purpose, message);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

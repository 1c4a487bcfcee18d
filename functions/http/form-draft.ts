import type { AstroCookies } from 'astro';
import { safeEqual } from '../domain/crypto';
import { keyedToken } from '../domain/secrets';
import { cookieOptions } from './cookies';
import type { FormValues } from './form-post';

// A journey of several pages (fill in, check your answers, send) keeps its answers between the
// steps in a keyed cookie of its own, so that every step can end in a redirect. The browser holds
// only what its user typed; the key makes a changed or foreign cookie count as absent, and it
// lasts an hour, so a shared computer does not keep the answers for long.
const maxAgeSeconds = 60 * 60;

const encode = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const decode = (text: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

export async function keepDraft(cookies: AstroCookies, name: string, values: FormValues): Promise<void> {
  const payload = encode(JSON.stringify(values));
  const mac = await keyedToken('form-draft', `${name}:${payload}`);
  cookies.set(name, `${payload}.${mac}`, { ...cookieOptions, maxAge: maxAgeSeconds });
}

export async function readDraft(cookies: AstroCookies, name: string): Promise<FormValues | null> {
  const [payload, mac, ...rest] = (cookies.get(name)?.value ?? '').split('.');
  if (!payload || !mac || rest.length > 0) return null;
  if (!safeEqual(await keyedToken('form-draft', `${name}:${payload}`), mac)) return null;
  try {
    const values: unknown = JSON.parse(decode(payload));
    return isFormValues(values) ? values : null;
  } catch {
    return null;
  }
}

export const dropDraft = (cookies: AstroCookies, name: string) => cookies.delete(name, cookieOptions);

function isFormValues(value: unknown): value is FormValues {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
  );
}

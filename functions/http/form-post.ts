import { safeEqual } from '../domain/crypto';
import { AppError } from '../errors';
import { csrfCookie, readCookie, sessionCookie } from './cookies';
import { formToken, sentFromElsewhere } from './csrf';
import { readWithin } from './body-limit';

export type FormValues = Record<string, string | string[]>;

/** What a page's form POST brought: the answers, or why they were refused before any page saw them. */
export type Posted = { values: FormValues } | { refused: AppError };

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data'];
export const isFormPost = (contentType: string | null | undefined) => formTypes.some((t) => contentType?.startsWith(t));

export const maxFormBytes = 32 * 1024;
// A CSV of the city's municipal schools is larger than any form.
const maxImportBytes = 1024 * 1024;
/** The school import is the one form that takes an uploaded file: the CSV, read as its text. */
const takesFile = (path: string) => path.startsWith('/admin/skolor');
const formLimitFor = (path: string) => (takesFile(path) ? maxImportBytes : maxFormBytes);

/**
 * Reads a form POST once, before the page: the body to its end within the limit (a body left
 * half-read breaks the connection it came on), then the CSRF check. It must not come from another
 * site (Origin, Sec-Fetch-Site), and its `csrf` field must be the token the page was served with,
 * keyed from the __Host-csrf cookie and the session (see csrf.ts). Another site can make the
 * browser send the cookies but can neither read nor make the token.
 */
export async function readPost(request: Request, publicOrigin: string): Promise<Posted> {
  const kept = request.body
    ? await readWithin(request.body, formLimitFor(new URL(request.url).pathname))
    : new Uint8Array();
  if (!kept) return { refused: new AppError('PAYLOAD_TOO_LARGE') };
  const contentType = request.headers.get('content-type');
  if (!isFormPost(contentType)) return { refused: new AppError('UNSUPPORTED_MEDIA_TYPE') };
  if (sentFromElsewhere(request.headers, publicOrigin)) return { refused: new AppError('CSRF_FAILED') };
  const form = await new Response(kept, { headers: { 'content-type': contentType ?? '' } })
    .formData()
    .catch(() => null);
  if (!form) return { refused: new AppError('BAD_REQUEST') };
  const cookie = request.headers.get('cookie');
  const browserId = readCookie(cookie, csrfCookie);
  const sent = form.get('csrf');
  const expected = browserId ? await formToken(browserId, readCookie(cookie, sessionCookie)) : null;
  if (!expected || typeof sent !== 'string' || !safeEqual(expected, sent))
    return { refused: new AppError('CSRF_FAILED') };
  return valuesOf(form, takesFile(new URL(request.url).pathname));
}

// The posted answers as strings; an uploaded file only where the page takes one, as its text.
async function valuesOf(form: FormData, fileAsText: boolean): Promise<Posted> {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key === 'csrf') continue;
    const list = form.getAll(key);
    if (list.some((v) => typeof v !== 'string') && !fileAsText) return { refused: new AppError('BAD_REQUEST') };
    const texts = await Promise.all(list.map((v) => (typeof v === 'string' ? v : v.text())));
    values[key] = texts.length === 1 ? (texts[0] as string) : texts;
  }
  return { values };
}

/** A page without a form takes no POST, and no page takes another method: a Swedish 405. */
export function methodNotAllowed(): Response {
  const refused = new AppError('METHOD_NOT_ALLOWED');
  return new Response(refused.message, {
    status: refused.status,
    headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

import { readWithin } from './body-limit';
import { unconfirmedCityFacts } from '../config/city';
import { messages } from '../messages';

// A deployment that lacks part of its configuration must not half work: without a secret or an
// https origin it would mail broken links, without MAIL letters would never leave, and a
// half-configured sign-in would fail in front of users. In production such a Worker logs once
// what is missing (names only, never values), answers every request with 503 and runs no cron.
// Local development (`npm start`, tests) needs none of it.

/** What the check reads; MAIL and the OIDC settings are optional in the types on purpose. */
type Checked = Pick<Env, 'APP_ENV' | 'PUBLIC_ORIGIN' | 'PORTAL_SECRET' | 'ALLOW_UNCONFIRMED_CITY_FACTS'> & {
  MAIL?: unknown;
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
};

const oidcSettings = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

const isHttps = (origin: string) => URL.canParse(origin) && new URL(origin).protocol === 'https:';

/** The names of what a production configuration lacks; empty when it is complete or not production. */
export function missingConfiguration(env: Checked): string[] {
  if (env.APP_ENV !== 'production') return [];
  const missing: string[] = [];
  if (!env.PUBLIC_ORIGIN) missing.push('PUBLIC_ORIGIN');
  else if (!isHttps(env.PUBLIC_ORIGIN)) missing.push('PUBLIC_ORIGIN (en https-adress)');
  if (!env.PORTAL_SECRET || env.PORTAL_SECRET.length < 32) missing.push('PORTAL_SECRET');
  if (!env.MAIL) missing.push('MAIL (send_email-bindningen)');
  // Sign-in through the city's identity provider is optional, but all of it or none of it.
  const oidc = oidcSettings.filter((name) => env[name]);
  if (oidc.length > 0) missing.push(...oidcSettings.filter((name) => !env[name]));
  // The public pages would show the city's facts marked "not yet confirmed" (functions/config/city.ts).
  if (env.ALLOW_UNCONFIRMED_CITY_FACTS !== 'ja')
    missing.push(...unconfirmedCityFacts().map((fact) => `bekräftat värde för ${fact}`));
  return missing;
}

// The environment does not change within an isolate: the verdict is worked out (and logged) once.
const verdicts = new WeakMap<object, boolean>();

/** Whether this Worker may serve; if not, the first call logs one line naming what is missing. */
export function isConfigured(env: Checked): boolean {
  let ready = verdicts.get(env);
  if (ready === undefined) {
    const missing = missingConfiguration(env);
    ready = missing.length === 0;
    if (!ready)
      console.error(
        `Samverkansportalen är inte färdigkonfigurerad och svarar 503 på allt, utan cron, tills detta finns: ${missing.join(', ')}.`,
      );
    verdicts.set(env, ready);
  }
  return ready;
}

/** The answer to every request while the configuration is incomplete: the error page, or text for /api. */
export async function notConfiguredAnswer(request: Request, assets: Fetcher | undefined): Promise<Response> {
  // The body is drained unread: one left unread breaks the connection it came on.
  if (request.body) await readWithin(request.body, 0);
  const headers = { 'Cache-Control': 'no-store', 'Retry-After': '3600' };
  const { pathname } = new URL(request.url);
  const isApi = pathname === '/api' || pathname.startsWith('/api/');
  const page = isApi || !assets ? null : await assets.fetch(new URL('/500', request.url)).catch(() => null);
  if (page?.ok)
    return new Response(page.body, {
      status: 503,
      headers: { ...headers, 'Content-Type': page.headers.get('Content-Type') ?? 'text/html; charset=utf-8' },
    });
  return new Response(messages.errors.NOT_CONFIGURED, {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

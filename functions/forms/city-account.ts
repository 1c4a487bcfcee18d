import type { AstroCookies } from 'astro';
import type { Db } from '../db/client';
import { completeSignIn, flightMinutes, SignInFailed, startSignIn } from '../domain/oidc';
import { getSessionUser } from '../domain/sign-in';
import { signInWithIdentity } from '../domain/staff-sign-in';
import { AppError } from '../errors';
import { cityAccount } from '../http/city-account';
import { cityAccountCookie, cookieOptions, sessionCookie } from '../http/cookies';
import { homeFor } from '../http/home';
import type { FormHandler } from './form';

// Why a sign-in with the city's account signed nobody in, shown on the page the provider returns to.
const refusedSignIns = new Set(['NOT_INVITED', 'ROLE_REMOVED', 'CITY_SIGN_IN_FAILED']);

/**
 * /logga-in/stadens-konto: officers and the coordinator sign in with the city's account (OpenID
 * Connect), where it is configured. A form POST with the page's CSRF token, so that another site
 * cannot start a sign-in in the visitor's name.
 */
export const startCityAccountSignIn: FormHandler = async ({ env, cookies, now }) => {
  const config = cityAccount(env);
  if (!config) throw new AppError('NOT_FOUND');
  const started = await startSignIn(config, now).catch((error: unknown) => {
    throw new AppError('CITY_ACCOUNT_UNAVAILABLE', { cause: error });
  });
  cookies.set(cityAccountCookie, started.cookie, { ...cookieOptions, maxAge: flightMinutes * 60 });
  return { redirect: started.location };
};

/**
 * /logga-in/stadens-konto/svar, where the provider sends the browser back: on to the user's home
 * with a session, or the reason nobody was signed in. The transient state is spent either way.
 * Null where the city's account is not configured: there is no such page.
 */
export async function finishCityAccountSignIn({
  db,
  env,
  url,
  cookies,
  now,
}: {
  db: Db;
  env: Env;
  url: URL;
  cookies: AstroCookies;
  now: Date;
}): Promise<{ redirect: string } | { refused: AppError } | null> {
  const config = cityAccount(env);
  if (!config) return null;
  const cookie = cookies.get(cityAccountCookie)?.value;
  cookies.delete(cityAccountCookie, cookieOptions);
  try {
    const identity = await completeSignIn(config, { callbackUrl: url, cookie, now }).catch((error: unknown) => {
      throw error instanceof SignInFailed ? new AppError('CITY_SIGN_IN_FAILED', { cause: error }) : error;
    });
    const signedIn = await signInWithIdentity({ db, identity, now });
    cookies.set(sessionCookie, signedIn.sessionToken, { ...cookieOptions, expires: new Date(signedIn.expiresAt) });
    return { redirect: homeFor(await getSessionUser({ db, token: signedIn.sessionToken, now })) };
  } catch (error) {
    if (error instanceof AppError && refusedSignIns.has(error.code)) return { refused: error };
    throw error;
  }
}

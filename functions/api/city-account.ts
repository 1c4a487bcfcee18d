import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { openDb } from '../db/client';
import { completeSignIn, flightMinutes, SignInFailed, startSignIn } from '../domain/oidc';
import { signInWithIdentity } from '../domain/staff-sign-in';
import { getSessionUser } from '../domain/sign-in';
import { AppError } from '../errors';
import { cityAccount } from '../http/city-account';
import { cityAccountCookie, cookieOptions, sessionCookie } from '../http/cookies';
import { homeFor } from '../http/home';
import { renderPage } from './render';
import type { AppEnv } from './types';

const refusalPage = '/logga-in/stadens-konto';

// Why a sign-in with the city's account signed nobody in, shown on its own page.
const refusedSignIns = new Set(['NOT_INVITED', 'ROLE_REMOVED', 'CITY_SIGN_IN_FAILED']);

/** Officers and the coordinator sign in with the city's account (OpenID Connect), where it is configured. */
export const cityAccountSignIn = new Hono<AppEnv>()
  // A form POST (with the page's CSRF token), so another site cannot start a sign-in in the visitor's name.
  .post('/', async (c) => {
    const config = cityAccount(c.env);
    if (!config) throw new AppError('NOT_FOUND');
    const started = await startSignIn(config, new Date()).catch((error: unknown) => {
      throw new AppError('CITY_ACCOUNT_UNAVAILABLE', { cause: error });
    });
    setCookie(c, cityAccountCookie, started.cookie, { ...cookieOptions, maxAge: flightMinutes * 60 });
    return c.redirect(started.location, 303);
  })
  .get('/svar', async (c) => {
    const config = cityAccount(c.env);
    if (!config) throw new AppError('NOT_FOUND');
    const cookie = getCookie(c, cityAccountCookie);
    // The transient state is spent whatever happens next.
    deleteCookie(c, cityAccountCookie, cookieOptions);
    const db = openDb(c.env.DB);
    const now = new Date();
    try {
      const identity = await completeSignIn(config, { callbackUrl: new URL(c.req.url), cookie, now }).catch((error: unknown) => {
        throw error instanceof SignInFailed ? new AppError('CITY_SIGN_IN_FAILED', { cause: error }) : error;
      });
      const signedIn = await signInWithIdentity({ db, identity, now });
      setCookie(c, sessionCookie, signedIn.sessionToken, { ...cookieOptions, expires: new Date(signedIn.expiresAt) });
      return c.redirect(homeFor(await getSessionUser({ db, token: signedIn.sessionToken, now })), 303);
    } catch (error) {
      if (!(error instanceof AppError && refusedSignIns.has(error.code))) throw error;
      const page = await renderPage(c, refusalPage, { values: {}, errors: {}, formError: error.message }, error.status);
      // A page rendered apart from Hono's context: it must still delete the transient cookie.
      for (const header of c.res.headers.getSetCookie()) page.headers.append('Set-Cookie', header);
      return page;
    }
  });

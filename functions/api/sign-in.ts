import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { openDb } from '../db/client';
import { hitRateLimit } from '../domain/rate-limit';
import { endSession, getSessionUser, requestSignIn, spendSignInToken, staffRoles } from '../domain/sign-in';
import { endSessionUrl } from '../domain/oidc';
import { cityAccount } from '../http/city-account';
import { sha256Hex } from '../domain/crypto';
import { AppError } from '../errors';
import { messages } from '../messages';
import { clientKey } from '../http/client';
import { cookieOptions, sessionCookie } from '../http/cookies';
import { confirmSchema, signInFields, signInSchema } from '../validation/sign-in';
import { homeFor } from '../http/home';
import { keepValues, parseForm, readForm } from './form';
import { renderPage } from './render';
import type { AppEnv } from './types';

const quarter = 15 * 60;

// Why a sign-in link did not sign in, shown on the link's page; anything else is an error.
const refusedLinks = new Set(['TOKEN_INVALID', 'HANDOVER_INVALID', 'CITY_ROLE_CONFLICT', 'NO_ROLE_LEFT']);
const refusal = (error: unknown) => {
  if (error instanceof AppError && refusedLinks.has(error.code)) return error;
  throw error;
};

export const signIn = new Hono<AppEnv>()
  .post('/inloggning', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(signInSchema, values, signInFields);
    if (!parsed.ok) return renderPage(c, '/logga-in', { values: keepValues(values), errors: parsed.errors }, 400);
    const db = openDb(c.env.DB);
    const now = new Date();
    const email = parsed.data.email;
    const withinLimits = [
      await hitRateLimit({ db, now, limit: { key: `signin:email:${await sha256Hex(email)}`, max: 5, windowSeconds: quarter } }),
      await hitRateLimit({ db, now, limit: { key: `signin:client:${clientKey(c.req.raw.headers)}`, max: 30, windowSeconds: quarter } }),
    ].every(Boolean);
    if (!withinLimits) {
      return renderPage(c, '/logga-in', { values: keepValues(values), errors: {}, formError: messages.errors.RATE_LIMITED }, 429);
    }
    await requestSignIn({ db, email, origin: c.env.PUBLIC_ORIGIN, now, cityAccount: cityAccount(c.env) !== null });
    return c.redirect('/logga-in/skickat', 303);
  })
  .post('/inloggning/bekrafta', async (c) => {
    const parsed = confirmSchema.safeParse(await readForm(c));
    const db = openDb(c.env.DB);
    const now = new Date();
    const spent = parsed.success ? await spendSignInToken({ db, token: parsed.data.token, now }).catch(refusal) : new AppError('TOKEN_INVALID');
    if (spent instanceof AppError) return renderPage(c, '/logga-in/bekrafta', { values: {}, errors: {}, formError: spent.message }, spent.code === 'TOKEN_INVALID' ? 400 : spent.status);
    setCookie(c, sessionCookie, spent.sessionToken, { ...cookieOptions, expires: new Date(spent.expiresAt) });
    const user = await getSessionUser({ db, token: spent.sessionToken, now });
    return c.redirect(homeFor(user), 303);
  })
  .post('/utloggning', async (c) => {
    const token = c.get('sessionToken');
    if (token) await endSession({ db: openDb(c.env.DB), token });
    deleteCookie(c, sessionCookie, cookieOptions);
    // Staff signed in with the city's account: end the provider's session too, where it offers that.
    const config = cityAccount(c.env);
    const staff = c.get('user')?.memberships.some((m) => (staffRoles as readonly string[]).includes(m.role));
    const signedOut = `${c.env.PUBLIC_ORIGIN}/logga-in/utloggad`;
    const atProvider = config && staff ? await endSessionUrl(config, signedOut) : null;
    return c.redirect(atProvider ?? '/logga-in/utloggad', 303);
  });

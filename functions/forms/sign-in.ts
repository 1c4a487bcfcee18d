import { sha256Hex } from '../domain/crypto';
import { endSessionUrl } from '../domain/oidc';
import { hitRateLimits } from '../domain/rate-limit';
import { endSession, getSessionUser, requestSignIn, spendSignInToken, staffRoles } from '../domain/sign-in';
import { AppError } from '../errors';
import { cityAccount } from '../http/city-account';
import { clientKey } from '../http/client';
import { cookieOptions, sessionCookie } from '../http/cookies';
import { homeFor } from '../http/home';
import { confirmSchema, signInFields, signInSchema } from '../validation/sign-in';
import { parseForm, refuse, showAgain, type FormHandler } from './form';

const quarter = 15 * 60;

// Why a sign-in link did not sign in, shown on the link's page; anything else is an error.
const refusedLinks = new Set(['TOKEN_INVALID', 'HANDOVER_INVALID', 'CITY_ROLE_CONFLICT', 'NO_ROLE_LEFT']);

/** /logga-in: a link is mailed if the address is known; the answer is the same either way. */
export const requestSignInLink: FormHandler = async ({ db, env, values, headers, now }) => {
  const parsed = parseForm(signInSchema, values, signInFields);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const email = parsed.data.email;
  const withinLimits = await hitRateLimits({
    db,
    now,
    limits: [
      { key: `signin:email:${await sha256Hex(email)}`, max: 5, windowSeconds: quarter },
      { key: `signin:client:${clientKey(headers)}`, max: 30, windowSeconds: quarter },
    ],
  });
  if (!withinLimits) return refuse(values, new AppError('RATE_LIMITED'));
  await requestSignIn({ db, email, origin: env.PUBLIC_ORIGIN, now, cityAccount: cityAccount(env) !== null });
  return { redirect: '/logga-in/skickat' };
};

/** /logga-in/bekrafta: the button spends the link's token and starts a session. */
export const confirmSignIn: FormHandler = async ({ db, values, cookies, now }) => {
  const parsed = confirmSchema.safeParse(values);
  if (!parsed.success) return refuse({}, new AppError('TOKEN_INVALID'));
  try {
    const spent = await spendSignInToken({ db, token: parsed.data.token, now });
    cookies.set(sessionCookie, spent.sessionToken, { ...cookieOptions, expires: new Date(spent.expiresAt) });
    return { redirect: homeFor(await getSessionUser({ db, token: spent.sessionToken, now })) };
  } catch (error) {
    if (error instanceof AppError && refusedLinks.has(error.code)) return refuse({}, error);
    throw error;
  }
};

/** /logga-ut: ends the session, and the city provider's too for staff signed in with the city's account. */
export const signOut: FormHandler = async ({ db, env, user, cookies }) => {
  const token = cookies.get(sessionCookie)?.value;
  if (token) await endSession({ db, token });
  cookies.delete(sessionCookie, cookieOptions);
  const config = cityAccount(env);
  const staff = user?.memberships.some((m) => (staffRoles as readonly string[]).includes(m.role));
  const atProvider = config && staff ? await endSessionUrl(config, `${env.PUBLIC_ORIGIN}/logga-in/utloggad`) : null;
  return { redirect: atProvider ?? '/logga-in/utloggad' };
};

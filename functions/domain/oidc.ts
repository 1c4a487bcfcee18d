import * as oauth from 'oauth4webapi';
import { randomToken, safeEqual } from './crypto';
import { keyedToken } from './secrets';

/**
 * A generic OpenID Connect client (authorization code flow with PKCE, `state` and `nonce`), with
 * the protocol checks left to oauth4webapi. Nothing here knows about staff: the same client could
 * sign principals in through a Swedish e-ID broker (BankID, Freja) configured the same way.
 */
export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back, on the configured public origin. */
  redirectUri: string;
  /** Plain http to the provider: only for the local provider under `npm start` and in tests. */
  allowHttp: boolean;
};

/** What the provider vouches for, from a validated ID token. */
export type VerifiedIdentity = { issuer: string; subject: string; email: string | null; emailVerified: boolean };

/** How long a started sign-in may take at the provider before its transient state is refused. */
export const flightMinutes = 10;

const scope = 'openid email profile';

// Discovery once per isolate and issuer; a failed discovery is forgotten, so the next request retries.
const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

export function authorizationServer(config: OidcConfig): Promise<oauth.AuthorizationServer> {
  let server = discovered.get(config.issuer);
  if (!server) {
    const issuer = new URL(config.issuer);
    server = oauth
      .discoveryRequest(issuer, { algorithm: 'oidc', [oauth.allowInsecureRequests]: config.allowHttp })
      .then((response) => oauth.processDiscoveryResponse(issuer, response));
    server.catch(() => discovered.delete(config.issuer));
    discovered.set(config.issuer, server);
  }
  return server;
}

/**
 * The transient state of one sign-in lives only in the browser's cookie: a start time and a random
 * value. The `state`, `nonce` and PKCE verifier are keyed from it with a key D1 never holds, so the
 * cookie is worth nothing without the Worker, and a cookie that was tampered with (or is older than
 * `flightMinutes`) matches no `state` the provider sends back.
 */
async function flightSecrets(cookie: string) {
  const [state, nonce, verifier] = await Promise.all(
    ['state', 'nonce', 'verifier'].map((part) => keyedToken('oidc', `${part}:${cookie}`)),
  );
  return { state: state ?? '', nonce: nonce ?? '', verifier: verifier ?? '' };
}

/** Starts a sign-in: the cookie value to keep and the provider's address to send the browser to. */
export async function startSignIn(config: OidcConfig, now: Date): Promise<{ cookie: string; location: string }> {
  const server = await authorizationServer(config);
  if (!server.authorization_endpoint) throw new Error('Identitetsleverantören anger ingen authorization_endpoint.');
  const cookie = `${now.getTime()}.${randomToken()}`;
  const { state, nonce, verifier } = await flightSecrets(cookie);
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  return { cookie, location: url.href };
}

/** Why a callback did not sign anyone in (all of them mean "start again"). */
export class SignInFailed extends Error {}

/**
 * Completes a sign-in from the provider's answer: the cookie must be fresh and match the `state`,
 * the code is exchanged once (with the PKCE verifier), and the ID token must carry our `nonce` and
 * pass oauth4webapi's checks (issuer, audience, expiry, issued-at).
 */
export async function completeSignIn(
  config: OidcConfig,
  { callbackUrl, cookie, now }: { callbackUrl: URL; cookie: string | undefined; now: Date },
): Promise<VerifiedIdentity> {
  const startedAt = Number(cookie?.split('.')[0]);
  if (
    !cookie ||
    !Number.isFinite(startedAt) ||
    startedAt > now.getTime() ||
    now.getTime() - startedAt > flightMinutes * 60_000
  )
    throw new SignInFailed('stale or missing state cookie');
  const { state, nonce, verifier } = await flightSecrets(cookie);
  if (!safeEqual(callbackUrl.searchParams.get('state') ?? '', state)) throw new SignInFailed('state does not match');
  const server = await authorizationServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  // Marked deprecated by oauth4webapi only so that it stands out: it is for the local provider alone.
  const insecure = { [oauth.allowInsecureRequests]: config.allowHttp };
  try {
    const params = oauth.validateAuthResponse(server, client, callbackUrl, state);
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      client,
      oauth.ClientSecretPost(config.clientSecret),
      params,
      config.redirectUri,
      verifier,
      insecure,
    );
    const result = await oauth.processAuthorizationCodeResponse(server, client, response, {
      expectedNonce: nonce,
      requireIdToken: true,
    });
    const claims = oauth.getValidatedIdTokenClaims(result);
    if (!claims) throw new SignInFailed('no ID token');
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims['email'] === 'string' ? claims['email'].toLowerCase() : null,
      emailVerified: claims['email_verified'] === true,
    };
  } catch (error) {
    if (error instanceof SignInFailed) throw error;
    throw new SignInFailed('the provider or its answer was refused', { cause: error });
  }
}

/**
 * Where to send the browser after the portal's own session has ended: the provider's
 * end_session_endpoint when it has one (so its session ends too), else nowhere. The portal keeps
 * no ID tokens, so it names itself with `client_id` rather than `id_token_hint`.
 */
export async function endSessionUrl(config: OidcConfig, postLogoutRedirectUri: string): Promise<string | null> {
  const server = await authorizationServer(config).catch(() => null);
  if (!server?.end_session_endpoint) return null;
  const url = new URL(server.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    post_logout_redirect_uri: postLogoutRedirectUri,
  }).toString();
  return url.href;
}

import type { OidcConfig } from '../domain/oidc';

/** Where the city's identity provider sends the browser back after a sign-in. */
export const callbackPath = '/logga-in/stadens-konto/svar';

/**
 * The city's account (OpenID Connect) for officers and the coordinator, when the Worker is
 * configured with it: OIDC_ISSUER and OIDC_CLIENT_ID as vars, OIDC_CLIENT_SECRET as a secret.
 */
export function cityAccount(env: Env): OidcConfig | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: `${env.PUBLIC_ORIGIN}${callbackPath}`,
    allowHttp: env.APP_ENV === 'development',
  };
}

/**
 * Where forms may lead besides the portal: signing in and out with the city's account posts to the
 * portal, which redirects to the provider. Its endpoints are expected on the issuer's origin.
 */
export function cityAccountFormTargets(env: Env): string[] {
  const config = cityAccount(env);
  return config ? [new URL(config.issuer).origin] : [];
}

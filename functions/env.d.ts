// Bindings of the Worker (wrangler.toml). Declared by hand so the types say exactly what we bind;
// `Cloudflare.Env` is what `import { env } from 'cloudflare:workers'` is typed with.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    ASSETS: Fetcher;
    /** The audit chain's last checkpoint (newest event id and hash), kept where D1 writers cannot reach. */
    AUDIT_ANCHOR: KVNamespace;
    /** "development" under `npm start` and in tests; "production" on Cloudflare. */
    APP_ENV: string;
    /**
     * "ja" lets a production Worker serve while the city's facts (functions/config/city.ts) are
     * unconfirmed: for the production tests and a staging copy, never for the public portal.
     */
    ALLOW_UNCONFIRMED_CITY_FACTS?: string;
    /** The portal's public address, for links in mail sent by the cron (no request to read it from). */
    PUBLIC_ORIGIN: string;
    /** Cloudflare Email Service: delivers the outbox (functions/domain/delivery.ts), only from MAIL_FROM. */
    MAIL: SendEmail;
    /** The portal's sender address; the binding's allowed_sender_addresses must name exactly it. */
    MAIL_FROM: string;
    /** The sender's name, shown with MAIL_FROM. */
    MAIL_FROM_NAME: string;
    /** The root of the keys D1 never holds (audit chain, CSRF, tokens in mail): a Worker secret. */
    PORTAL_SECRET?: string;
    /** How long a public page kept at the edge may live, in seconds (default 60; http/edge-cache.ts). */
    EDGE_CACHE_SECONDS?: string;
    /** The city's OpenID provider (issuer URL) for officers and the coordinator; unset means e-mail links for them too. */
    OIDC_ISSUER?: string;
    /** The portal's client id at that provider. */
    OIDC_CLIENT_ID?: string;
    /** The portal's client secret at that provider: a Worker secret. */
    OIDC_CLIENT_SECRET?: string;
    /** Skolverket's Skolenhetsregistret API (without /v2); the recorded fixture under `npm start` and in tests. */
    SKOLVERKET_BASE_URL: string;
  }
}
interface Env extends Cloudflare.Env {}

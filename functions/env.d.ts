// Bindings of the Worker (wrangler.toml). Declared by hand so the types say exactly what we bind.
interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** "development" under `npm start` and in tests; "production" on Cloudflare. */
  APP_ENV: string;
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { bookmarkCookie, sessionCookie, readCookie } from './cookies';

// Public pages whose data changes rarely, kept at the edge with the Workers Cache API
// (caches.default) and purged when the data behind them changes. Only an anonymous GET is answered
// from the cache or stored in it; a visitor with a session or a read-your-writes bookmark always
// gets the page from the Worker, and an answer that sets a cookie or forbids storing is never kept.
// cache.delete reaches only the data center it runs in: everywhere else a copy lives at most
// `edgeCacheSeconds` (EDGE_CACHE_SECONDS), which also bounds a purge that fails.

const defaultEdgeCacheSeconds = 60;
const cacheStatusHeader = 'X-Edge-Cache';

const openData = ['', 'skolor.json', 'skolor.csv', 'indikator.json', 'indikator.csv'].map(
  (f) => `/api/oppna-data/${f}`,
);
/** The query parameters a cached page reads; every other one is dropped from the key. */
const pagedBy: Record<string, string[]> = {
  '/api/oppna-data/skolor.json': ['efter'],
  '/api/oppna-data/skolor.csv': ['efter'],
};
const districtPage = /^\/stadsdelar\/[a-z0-9-]+\/?$/;

/** Whether a path is one of the pages kept at the edge. */
function isEdgeCached(pathname: string): boolean {
  return (
    pathname === '/stadsdelar/' ||
    pathname === '/statistik/' ||
    districtPage.test(pathname) ||
    openData.includes(pathname)
  );
}

/** Whether this request may be answered from the cache: an anonymous GET of a cached page. */
export function servesFromEdge(request: Request): boolean {
  if (request.method !== 'GET') return false;
  const cookies = request.headers.get('Cookie');
  if (readCookie(cookies, sessionCookie) !== undefined || readCookie(cookies, bookmarkCookie) !== undefined)
    return false;
  return isEdgeCached(new URL(request.url).pathname);
}

/** The cache key: the configured origin (never the request's Host), the path, the parameters the page reads. */
function edgeKey(url: URL, origin: string): string {
  const key = new URL(url.pathname.replace(/^(\/stadsdelar\/[a-z0-9-]+)$/, '$1/'), origin);
  for (const name of pagedBy[url.pathname] ?? []) {
    const value = url.searchParams.get(name);
    if (value !== null) key.searchParams.set(name, value);
  }
  return key.toString();
}

/** The data center's cache. Astro's types bring in the DOM's CacheStorage, which lacks Cloudflare's `default`. */
const edgeCache = () => (caches as unknown as { default: Cache }).default;

type Edge = { origin: string; seconds: number; ctx: ExecutionContext };
const ttl = (env: Env) => Number.parseInt(env.EDGE_CACHE_SECONDS ?? '', 10) || defaultEdgeCacheSeconds;

/** Answers an anonymous GET of a cached page from the edge, or asks `produce` and keeps what may be kept. */
export async function fromEdge(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  produce: () => Promise<Response>,
): Promise<Response> {
  if (!servesFromEdge(request)) return produce();
  const edge: Edge = { origin: env.PUBLIC_ORIGIN, seconds: ttl(env), ctx };
  const key = edgeKey(new URL(request.url), edge.origin);
  const hit = await edgeCache().match(key);
  if (hit) return forVisitor(hit, 'HIT');
  const answer = await produce();
  if (!storable(answer)) return answer;
  const stored = new Response(answer.body, answer);
  stored.headers.set('X-Visitor-Cache-Control', answer.headers.get('Cache-Control') ?? '');
  stored.headers.set('Cache-Control', `public, max-age=${edge.seconds}`);
  const [toCache, toVisitor] = stored.body ? stored.body.tee() : [null, null];
  edge.ctx.waitUntil(edgeCache().put(key, new Response(toCache, stored)));
  return forVisitor(new Response(toVisitor, stored), 'MISS');
}

/** Never kept: an error, an answer that sets a cookie or says it must not be stored. */
function storable(answer: Response): boolean {
  const control = answer.headers.get('Cache-Control') ?? '';
  return answer.status === 200 && !answer.headers.has('Set-Cookie') && !/no-store|private/.test(control);
}

/** The visitor gets the page's own caching rule, not the edge's, and whether it came from the edge. */
function forVisitor(answer: Response, status: 'HIT' | 'MISS'): Response {
  const headers = new Headers(answer.headers);
  const own = headers.get('X-Visitor-Cache-Control');
  headers.delete('X-Visitor-Cache-Control');
  headers.delete('Age');
  if (own) headers.set('Cache-Control', own);
  else headers.delete('Cache-Control');
  headers.set(cacheStatusHeader, status);
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
}

// A change marks the public pages stale in the request (or cron run) that committed it; they are
// purged once that request's work is done, before its answer leaves, so the next page shows it.
const changes = new AsyncLocalStorage<{ stale: boolean }>();

/** Audit subjects whose changes no public page shows. */
const privateSubjects = new Set(['user', 'mail', 'template']);

/** Called after a batch commits: the public pages go stale unless every event is private. */
export function committed(subjectTypes: string[]): void {
  const scope = changes.getStore();
  if (scope && subjectTypes.some((s) => !privateSubjects.has(s))) scope.stale = true;
  // A district added or renamed here: the next purge asks for the slugs again.
  if (subjectTypes.includes('district')) known = null;
}

/**
 * The district slugs a purge must reach, asked of `load` at most once per edge lifetime in this
 * isolate: a district added elsewhere meanwhile has a page no older than that lifetime anyway.
 */
let known: { slugs: string[]; until: number } | null = null;
async function districtSlugs(env: Env, load: () => Promise<string[]>): Promise<string[]> {
  if (known && Date.now() < known.until) return known.slugs;
  const slugs = await load().catch(() => null);
  if (!slugs) return known?.slugs ?? [];
  known = { slugs, until: Date.now() + ttl(env) * 1000 };
  return slugs;
}

/**
 * Runs `work` and then purges every cached public page if it committed a public change. A purge
 * that fails is logged: the copies then expire within the edge's lifetime.
 */
export async function purgingAfter<T>(env: Env, slugs: () => Promise<string[]>, work: () => Promise<T>): Promise<T> {
  const scope = { stale: false };
  const result = await changes.run(scope, work);
  if (scope.stale) await purgePublicPages(env, await districtSlugs(env, slugs));
  return result;
}

async function purgePublicPages(env: Env, slugs: string[]): Promise<void> {
  const paths = ['/stadsdelar/', '/statistik/', ...openData, ...slugs.map((s) => `/stadsdelar/${s}/`)];
  const purged = await Promise.allSettled(
    paths.map((p) => edgeCache().delete(new URL(p, env.PUBLIC_ORIGIN).toString())),
  );
  const failed = purged.filter((p) => p.status === 'rejected');
  if (failed.length)
    console.error(`Tömning av sparade sidor misslyckades för ${failed.length} sidor; de går ut inom ${ttl(env)} s.`);
}

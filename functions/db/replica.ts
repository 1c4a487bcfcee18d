import { AsyncLocalStorage } from 'node:async_hooks';
import { bookmarkCookie, cookieOptions, readCookie, sessionCookie } from '../http/cookies';

// D1 read replication (the Sessions API). Each request gets one D1 session, which every `openDb`
// in it uses without being told (call sites keep `openDb(env.DB)` and `db()`):
// - an anonymous read ('first-unconstrained') may be answered by any replica, however far behind;
// - a signed-in visitor, a form POST and anyone holding a bookmark start at the primary
//   ('first-primary') or at least at their bookmark; a POST (and whoever holds a bookmark) gets
//   the newest bookmark back in a cookie, so they always read their own writes, also in their next
//   request.
// A session is sequentially consistent in itself, so a page never sees its data go back in time.

const sessions = new AsyncLocalStorage<D1DatabaseSession>();
const validBookmark = /^[\w-]{1,256}$/;
/**
 * How long a bookmark is worth keeping: replicas lag by seconds, so after this any of them has
 * caught up (a signed-in visitor without one starts at the primary anyway). Kept short, since an
 * anonymous visitor holding one is not answered from the edge.
 */
const bookmarkSeconds = 5 * 60;

/** The request's session if there is one, else the binding itself (cron runs, tests, scripts). */
export function sessionOf(d1: D1Database): D1Database | D1DatabaseSession {
  return sessions.getStore() ?? d1;
}

/** Runs `handle` in a D1 session chosen for this request, and hands the newest bookmark back when it is wanted. */
export async function inD1Session(
  request: Request,
  d1: D1Database | undefined,
  handle: () => Promise<Response>,
): Promise<Response> {
  if (!d1) return handle();
  const cookies = request.headers.get('Cookie');
  const bookmark = readCookie(cookies, bookmarkCookie);
  const writes = request.method === 'POST';
  const held = bookmark !== undefined && validBookmark.test(bookmark) ? bookmark : undefined;
  const session = d1.withSession(
    held ?? (writes || readCookie(cookies, sessionCookie) !== undefined ? 'first-primary' : 'first-unconstrained'),
  );
  const answer = await sessions.run(session, handle);
  // Only a POST, or a visitor already holding one, gets a bookmark: a signed-in GET without one
  // reads the primary anyway, and a cookie a browser did not need only costs (see the bench's Lighthouse note).
  const newest = session.getBookmark();
  if (!(writes || held) || !newest || newest === held || !validBookmark.test(newest)) return answer;
  const kept = new Response(answer.body, answer);
  const { path, sameSite } = cookieOptions;
  kept.headers.append(
    'Set-Cookie',
    `${bookmarkCookie}=${newest}; Path=${path}; Max-Age=${bookmarkSeconds}; Secure; HttpOnly; SameSite=${sameSite[0]!.toUpperCase()}${sameSite.slice(1)}`,
  );
  return kept;
}

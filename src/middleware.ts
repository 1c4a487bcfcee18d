import { defineMiddleware } from 'astro:middleware';
import { env } from 'cloudflare:workers';
import { toAppError } from '../functions/errors';
import { methodNotAllowed, readPost } from '../functions/http/form-post';
import { servesFromEdge } from '../functions/http/edge-cache';
import { areaFor, guard } from './lib/guard';
import { ensureCsrf, loadUser } from './lib/session';

/**
 * For on-demand pages: a form POST read and CSRF-checked once (the page answers it with
 * answerForm), the CSRF cookie every form needs, the signed-in user, the role guard for /skola,
 * /stadsdel and /admin, no caching of anything shown to a signed-in user or answering a POST,
 * and a friendly error page (503 when D1 is the cause).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  try {
    const post = context.request.method === 'POST';
    // Read before ensureCsrf: the token must match the cookie the browser sent, not a new one.
    if (post) context.locals.posted = await readPost(context.request, env.PUBLIC_ORIGIN);
    // A page kept at the edge has no form for an anonymous visitor and must set no cookie.
    context.locals.csrf = servesFromEdge(context.request) ? '' : await ensureCsrf(context.cookies);
    const area = areaFor(context.url.pathname);
    context.locals.user =
      area === 'public' && !context.cookies.has('__Host-session') ? null : await loadUser(context.cookies);
    const stop = guard(area, context.locals.user, context.url);
    if (stop && stop !== 'forbidden') return context.redirect(stop, 303);
    const page =
      stop === 'forbidden' ? withStatus(await context.rewrite(refusedPage(context.request)), 403) : await next();
    if (post && !stop && !context.locals.formAnswered && page.status !== 404) return methodNotAllowed();
    return context.locals.user || area !== 'public' || post ? notStored(page) : page;
  } catch (error) {
    const appError = toAppError(error);
    console.error(error);
    // The prerendered page straight from the assets: it needs neither D1 nor rendering, so it can
    // be shown whatever failed; a form POST is told that nothing of it was saved. (A rewrite to
    // the prerendered /500 does not work from here: Astro then answered its own 500, whatever the
    // cause.)
    const page = await env.ASSETS.fetch(
      new URL(context.request.method === 'POST' ? '/500-formular' : '/500', context.url),
    );
    const headers = new Headers(page.headers);
    headers.set('Cache-Control', 'no-store');
    return new Response(page.body, { status: appError.status, headers });
  }
});

/**
 * The "no access" page. A POST's body is read already, and Astro cannot rewrite a request whose
 * body is used, so a refused POST is shown the page as a GET with the visitor's cookies.
 */
function refusedPage(request: Request): Request {
  return new Request(new URL('/ingen-behorighet', request.url), {
    headers: { cookie: request.headers.get('cookie') ?? '' },
  });
}

function withStatus(page: Response, status: number): Response {
  return new Response(page.body, { status, headers: page.headers });
}

// A copy, since a response's headers may be immutable; Astro adds its cookies to what is returned.
function notStored(page: Response): Response {
  const headers = new Headers(page.headers);
  headers.set('Cache-Control', 'no-store');
  return new Response(page.body, { status: page.status, statusText: page.statusText, headers });
}

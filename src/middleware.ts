import { defineMiddleware } from 'astro:middleware';
import { env } from 'cloudflare:workers';
import { toAppError } from '../functions/errors';
import { areaFor, guard } from './lib/guard';
import { ensureCsrf, loadUser } from './lib/session';

/**
 * For on-demand pages: the CSRF cookie every form needs, the signed-in user, the role guard
 * for /skola, /stadsdel and /admin, no caching of anything shown to a signed-in user, and a
 * friendly error page (503 when D1 is the cause).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  try {
    context.locals.csrf = await ensureCsrf(context.cookies);
    const area = areaFor(context.url.pathname);
    context.locals.user = area === 'public' && !context.cookies.has('__Host-session') ? null : await loadUser(context.cookies);
    const stop = guard(area, context.locals.user, context.url);
    if (stop && stop !== 'forbidden') return context.redirect(stop, 303);
    const page = stop === 'forbidden' ? withStatus(await context.rewrite('/ingen-behorighet'), 403) : await next();
    return context.locals.user || area !== 'public' ? notStored(page) : page;
  } catch (error) {
    const appError = toAppError(error);
    console.error(error);
    // The prerendered page straight from the assets: it needs neither D1 nor rendering, so it can
    // be shown whatever failed. (A rewrite to the prerendered /500 does not work from here: Astro
    // then answered its own 500, whatever the cause.)
    const page = await env.ASSETS.fetch(new URL('/500', context.url));
    const headers = new Headers(page.headers);
    headers.set('Cache-Control', 'no-store');
    return new Response(page.body, { status: appError.status, headers });
  }
});

function withStatus(page: Response, status: number): Response {
  return new Response(page.body, { status, headers: page.headers });
}

// A copy, since a response's headers may be immutable; Astro adds its cookies to what is returned.
function notStored(page: Response): Response {
  const headers = new Headers(page.headers);
  headers.set('Cache-Control', 'no-store');
  return new Response(page.body, { status: page.status, statusText: page.statusText, headers });
}

import { defineMiddleware } from 'astro:middleware';
import { toAppError } from '../functions/errors';

/**
 * An on-demand page whose data source fails shows the friendly error page, with 503 when D1 is
 * the cause (it says "try again later", which is true) and 500 otherwise.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    const appError = toAppError(error);
    console.error(error);
    const page = await context.rewrite('/500');
    return new Response(page.body, { status: appError.status, headers: page.headers });
  }
});

import { handle } from '@astrojs/cloudflare/handler';
import type { Context } from 'hono';
import type { FormState } from '../http/form-state';
import type { AppEnv } from './types';

/**
 * Renders an Astro page as the answer to a form POST (GOV.UK style: errors come back on the same
 * page with the answers kept). The page reads the state from `Astro.locals.cfContext.props`.
 */
export async function renderPage(c: Context<AppEnv>, path: string, form: FormState, status: number): Promise<Response> {
  const request = new Request(new URL(path, c.req.url), { headers: c.req.raw.headers });
  const ctx = c.executionCtx;
  const withState = {
    waitUntil: (promise: Promise<unknown>) => ctx.waitUntil(promise),
    passThroughOnException: () => ctx.passThroughOnException(),
    props: { form },
  } as unknown as ExecutionContext;
  const response = await handle(request, c.env, withState);
  const headers = new Headers(response.headers);
  headers.set('Cache-Control', 'no-store');
  return new Response(response.body, { status, headers });
}

import type { AstroCookies } from 'astro';
import type { z } from 'zod';
import type { Db } from '../db/client';
import type { SessionUser } from '../domain/sign-in';
import { AppError } from '../errors';
import type { FormState } from '../http/form-state';
import type { FormValues } from '../http/form-post';
import { fieldErrors } from '../validation/fields';

/** Everything a form handler may use: the answers, who sent them, and the request's facts. */
export type FormContext = {
  db: Db;
  env: Env;
  user: SessionUser | null;
  values: FormValues;
  url: URL;
  headers: Headers;
  cookies: AstroCookies;
  now: Date;
};

/** A handled form: on to the next step (303), or the same page again with the state to show. */
export type FormOutcome = { redirect: string } | { state: FormState; status: number };
export type FormHandler = (ctx: FormContext) => Promise<FormOutcome>;

/** The page again with the answers kept and the errors at their fields. */
export const showAgain = (
  values: FormValues,
  errors: Record<string, string>,
  status = 400,
  data?: FormState['data'],
): FormOutcome => ({
  state: { values: keepValues(values), errors, ...(data && { data }) },
  status,
});

/** The page again with the answers kept and one message about the whole form. */
export const refuse = (values: FormValues, error: AppError): FormOutcome => ({
  state: { values: keepValues(values), errors: {}, formError: error.message },
  status: error.status,
});

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Validates with the form's zod schema; errors keyed by field, in page order. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  values: FormValues,
  order: readonly string[],
): Parsed<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors = fieldErrors(result.error, order);
  if (Object.keys(errors).length === 0) return { ok: false, errors: { _form: unknownFieldMessage(result.error) } };
  return { ok: false, errors };
}

function unknownFieldMessage(error: z.ZodError): string {
  return error.issues.some((i) => i.code === 'unrecognized_keys')
    ? new AppError('UNKNOWN_FIELDS').message
    : new AppError('BAD_REQUEST').message;
}

/** Values to show again: strings kept as typed, but never more than a page can sensibly hold. */
export function keepValues(values: FormValues): FormValues {
  const clip = (v: string) => v.slice(0, 500);
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.slice(0, 10).map(clip) : clip(v)]),
  );
}

/** The signed-in user; the middleware guards /skola and /stadsdel, so this holds there (else: sign in). */
export function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors';
import { fieldErrors } from '../validation/fields';
import { formBody, isFormPost } from './middleware';
import type { AppEnv } from './types';

export type FormValues = Record<string, string | string[]>;

/** The posted form as strings; uploaded files are not taken anywhere in the portal. */
export async function readForm(c: Context<AppEnv>): Promise<FormValues> {
  if (!isFormPost(c.req.header('content-type'))) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const body = await formBody(c);
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'csrf') continue;
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => typeof v !== 'string')) throw new AppError('BAD_REQUEST');
    values[key] = Array.isArray(value) ? (list as string[]) : (value as string);
  }
  return values;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Validates with the form's zod schema; errors keyed by field, in page order. */
export function parseForm<S extends z.ZodType>(schema: S, values: FormValues, order: readonly string[]): Parsed<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors = fieldErrors(result.error, order);
  if (Object.keys(errors).length === 0) return { ok: false, errors: { _form: unknownFieldMessage(result.error) } };
  return { ok: false, errors };
}

function unknownFieldMessage(error: z.ZodError): string {
  return error.issues.some((i) => i.code === 'unrecognized_keys') ? new AppError('UNKNOWN_FIELDS').message : new AppError('BAD_REQUEST').message;
}

/** Values to show again: strings kept as typed, but never more than a page can sensibly hold. */
export function keepValues(values: FormValues): FormValues {
  const clip = (v: string) => v.slice(0, 500);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.slice(0, 10).map(clip) : clip(v)]));
}

import { AppError } from '../errors';

/** An id as written in a URL or a form: digits only, so "12abc" or "1; DELETE" is no id at all, not 12 or 1. */
export const parseId = (raw: unknown): number | null =>
  typeof raw === 'string' && /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;

/** The id a form's URL names, or not found (404) when it names none. */
export function requireId(raw: unknown): number {
  const id = parseId(raw);
  if (id === null) throw new AppError('NOT_FOUND');
  return id;
}

import type { FormState } from '../../functions/http/form-state';

export const hasErrors = (state: FormState) => Object.keys(state.errors).length > 0 || Boolean(state.formError);

/** Page title, prefixed "Fel:" when the form came back with errors (GOV.UK pattern). */
export const formTitle = (title: string, state: FormState) => (hasErrors(state) ? `Fel: ${title}` : title);

export const valueOf = (state: FormState, name: string) => {
  const v = state.values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

export const valuesOf = (state: FormState, name: string) => {
  const v = state.values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};

/** aria-describedby for a field: its hint and its error message, where there are any. */
export const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

/**
 * What a form page needs to show again after a POST: the user's answers and the messages.
 * answerForm (src/lib/form-page.ts) hands it to the page that was posted to.
 */
export type FormState = {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  /** A message about the whole form (rate limit, expired form), shown in the summary. */
  formError?: string;
  /** A result the page shows along with the form, e.g. an import plan. */
  data?: Record<string, unknown>;
};

export const emptyFormState: FormState = { values: {}, errors: {} };

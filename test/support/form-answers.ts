/** The GOV.UK error summary as a page that answers its own form shows it: first in `main`, focused. */
export const summaryFirstInMain = /<main[^>]*>\s*<div class="error-summary" role="alert"[^>]*autofocus/;

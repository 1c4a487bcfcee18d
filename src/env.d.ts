/// <reference path="../functions/env.d.ts" />
declare namespace App {
  interface Locals {
    /** A form POST to this page, read and CSRF-checked by the middleware before the page runs. */
    posted?: import('../functions/http/form-post').Posted;
    /** Set when the page answered the POST (answerForm); a page without a form answers 405. */
    formAnswered?: boolean;
    user: import('../functions/domain/sign-in').SessionUser | null;
    csrf: string;
  }
}

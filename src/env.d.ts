/// <reference path="../functions/env.d.ts" />
declare namespace App {
  interface Locals {
    /** The Worker's execution context; a form POST answered by Hono carries the form state in `props`. */
    cfContext: ExecutionContext & { props?: { form?: import('../functions/http/form-state').FormState } };
    user: import('../functions/domain/sign-in').SessionUser | null;
    csrf: string;
  }
}

import type { SessionUser } from '../domain/sign-in';

export type AppEnv = {
  Bindings: Env;
  Variables: { user: SessionUser | null; sessionToken: string | undefined };
};

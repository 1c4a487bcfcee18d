import { viewAgreement } from '../../functions/domain/agreements/view-agreement';
import { parseId } from '../../functions/http/ids';
import { db } from './db';

/** The agreement named by ?id= or [id], for the signed-in user; null (a 404) if unreadable. */
export async function agreementFromRequest(locals: App.Locals, raw: string | null | undefined) {
  const id = parseId(raw);
  if (!locals.user || id === null) return null;
  return viewAgreement({ db: db(), user: locals.user, agreementId: id }).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'))
      return null;
    throw error;
  });
}

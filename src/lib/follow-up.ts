import { getFollowUp, readFollowUp } from '../../functions/domain/follow-ups';
import { parseId } from '../../functions/http/ids';
import { db } from './db';

/** The follow-up named by ?id= for the signed-in user; null (a 404) if not theirs. */
export async function followUpFromRequest(locals: App.Locals, raw: string | null) {
  const id = parseId(raw);
  if (!locals.user || id === null) return null;
  return getFollowUp({ db: db(), user: locals.user, agreementId: id, now: new Date() }).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'))
      return null;
    throw error;
  });
}

/** Both sides' answers named by ?id=, for the district's officers and the coordinator; null (a 404) otherwise. */
export async function followUpAnswersFromRequest(locals: App.Locals, raw: string | null) {
  const id = parseId(raw);
  if (!locals.user || id === null) return null;
  return readFollowUp({ db: db(), user: locals.user, agreementId: id, now: new Date() }).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'))
      return null;
    throw error;
  });
}

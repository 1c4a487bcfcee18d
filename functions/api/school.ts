import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { openDb } from '../db/client';
import { endSession, getSessionUser } from '../domain/sign-in';
import { cookieOptions, sessionCookie } from '../http/cookies';
import { updateSchoolContacts } from '../domain/schools';
import { contactChangeFields, contactChangeSchema } from '../validation/school';
import { keepValues, parseForm, readForm } from './form';
import { requireRole } from './middleware';
import { renderPage } from './render';
import { idParam, signedInUser } from './params';
import type { AppEnv } from './types';

export const school = new Hono<AppEnv>()
  .use(requireRole('principal', 'contact'))
  .post('/:schoolId/kontakt', async (c) => {
    const schoolId = idParam(c, 'schoolId');
    const values = await readForm(c);
    const parsed = parseForm(contactChangeSchema, values, contactChangeFields);
    if (!parsed.ok) return renderPage(c, `/skola/?skola=${schoolId}`, { values: { ...keepValues(values), schoolId: String(schoolId) }, errors: parsed.errors }, 400);
    const user = signedInUser(c);
    const db = openDb(c.env.DB);
    const { principalChanged } = await updateSchoolContacts({ db, user, schoolId, input: parsed.data, origin: c.env.PUBLIC_ORIGIN, now: new Date() });
    // A principal who hands the school over to a new one has no role left there: sign them out.
    const token = c.get('sessionToken');
    const stillMember = await getSessionUser({ db, token: token ?? '', now: new Date() });
    if (token && !stillMember?.memberships.some((m) => m.schoolId === schoolId)) {
      await endSession({ db, token });
      deleteCookie(c, sessionCookie, cookieOptions);
      return c.redirect('/logga-in/utloggad', 303);
    }
    return c.redirect(`/skola/?andrat=${principalChanged ? 'rektor' : 'kontakt'}`, 303);
  });

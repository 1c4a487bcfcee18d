import { Hono, type Context } from 'hono';
import { openDb } from '../db/client';
import { startPrincipalHandover } from '../domain/principal-handover';
import { changeContactAddress } from '../domain/schools';
import { AppError } from '../errors';
import { contactChangeFields, contactChangeSchema, principalChangeFields, principalChangeSchema } from '../validation/school';
import { keepValues, parseForm, readForm, type FormValues } from './form';
import { areaRoles } from '../domain/access';
import { requireRole } from './middleware';
import { renderPage } from './render';
import { idParam, signedInUser } from './params';
import type { AppEnv } from './types';

// A refusal that belongs at a field of the form rather than on an error page.
const fieldOf: Partial<Record<string, string>> = { CITY_ROLE_CONFLICT: 'principalEmail', HANDOVER_SAME_PRINCIPAL: 'principalEmail' };

/** The school's page again with the answers kept and the refusal shown where it belongs. */
function again(c: Context<AppEnv>, schoolId: number, values: FormValues, error: AppError, field: string) {
  const errors = { [fieldOf[error.code] ?? field]: error.message };
  return renderPage(c, `/skola/?skola=${schoolId}`, { values: { ...keepValues(values), schoolId: String(schoolId) }, errors }, error.status);
}

/** The school's own details: its principal changes the function address or hands the role over. */
export const school = new Hono<AppEnv>()
  .use(requireRole(...areaRoles.school))
  .post('/:schoolId/kontakt', async (c) => {
    const schoolId = idParam(c, 'schoolId');
    const values = await readForm(c);
    const parsed = parseForm(contactChangeSchema, values, contactChangeFields);
    if (!parsed.ok) return renderPage(c, `/skola/?skola=${schoolId}`, { values: { ...keepValues(values), schoolId: String(schoolId) }, errors: parsed.errors }, 400);
    try {
      await changeContactAddress({ db: openDb(c.env.DB), user: signedInUser(c), schoolId, contactEmail: parsed.data.contactEmail, now: new Date() });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CITY_ROLE_CONFLICT') return again(c, schoolId, values, error, 'contactEmail');
      throw error;
    }
    return c.redirect('/skola/?andrat=kontakt', 303);
  })
  .post('/:schoolId/rektor', async (c) => {
    const schoolId = idParam(c, 'schoolId');
    const values = await readForm(c);
    const parsed = parseForm(principalChangeSchema, values, principalChangeFields);
    if (!parsed.ok) return renderPage(c, `/skola/?skola=${schoolId}`, { values: { ...keepValues(values), schoolId: String(schoolId) }, errors: parsed.errors }, 400);
    try {
      await startPrincipalHandover({ db: openDb(c.env.DB), user: signedInUser(c), schoolId, input: parsed.data, origin: c.env.PUBLIC_ORIGIN, now: new Date() });
    } catch (error) {
      if (error instanceof AppError && error.code in fieldOf) return again(c, schoolId, values, error, 'principalEmail');
      throw error;
    }
    return c.redirect('/skola/?andrat=rektor', 303);
  });

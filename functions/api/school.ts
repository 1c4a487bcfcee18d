import { Hono } from 'hono';
import { openDb } from '../db/client';
import { updateSchoolContacts } from '../domain/schools';
import { AppError } from '../errors';
import { contactChangeFields, contactChangeSchema } from '../validation/school';
import { keepValues, parseForm, readForm } from './form';
import { requireRole } from './middleware';
import { renderPage } from './render';
import type { AppEnv } from './types';

export const school = new Hono<AppEnv>()
  .use(requireRole('principal', 'contact'))
  .post('/:schoolId/kontakt', async (c) => {
    const schoolId = Number.parseInt(c.req.param('schoolId'), 10);
    if (!Number.isSafeInteger(schoolId)) throw new AppError('NOT_FOUND');
    const values = await readForm(c);
    const parsed = parseForm(contactChangeSchema, values, contactChangeFields);
    if (!parsed.ok) return renderPage(c, `/skola/?skola=${schoolId}`, { values: { ...keepValues(values), schoolId: String(schoolId) }, errors: parsed.errors }, 400);
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const { principalChanged } = await updateSchoolContacts({ db: openDb(c.env.DB), user, schoolId, input: parsed.data, origin: new URL(c.req.url).origin, now: new Date() });
    return c.redirect(`/skola/?andrat=${principalChanged ? 'rektor' : 'kontakt'}`, 303);
  });

import { Hono, type Context } from 'hono';
import { openDb } from '../db/client';
import { importSchools, planSchoolImport } from '../domain/school-import';
import { AppError } from '../errors';
import { messages } from '../messages';
import { areaRoles } from '../domain/access';
import { formBody, requireRole } from './middleware';
import { renderPage } from './render';
import type { AppEnv } from './types';

/** The CSV comes as an uploaded file (first step) or as the text carried by the confirm form. */
async function readCsv(c: Context<AppEnv>): Promise<string> {
  const body = await formBody(c);
  const file = body['fil'];
  if (file instanceof File && file.size > 0) return file.text();
  if (typeof body['csv'] === 'string' && body['csv'].trim()) return body['csv'];
  return '';
}

/** The coordinator imports the municipal schools: preview first, then all or nothing. */
export const adminSchools = new Hono<AppEnv>()
  .use(requireRole(...areaRoles.admin))
  .post('/forhandsgranska', async (c) => {
    const csv = await readCsv(c);
    if (!csv) return renderPage(c, '/admin/skolor', { values: {}, errors: { fil: messages.import.noFile } }, 400);
    const plan = await planSchoolImport({ db: openDb(c.env.DB), csv, now: new Date() });
    return renderPage(c, '/admin/skolor', { values: { csv }, errors: {}, data: { plan: { errors: plan.errors, changes: plan.changes } } }, plan.errors.length ? 400 : 200);
  })
  .post('/las-in', async (c) => {
    const csv = await readCsv(c);
    if (!csv) throw new AppError('BAD_REQUEST');
    const user = c.get('user');
    const result = await importSchools({ db: openDb(c.env.DB), csv, actorUserId: user?.userId ?? null, now: new Date() });
    if (!result.applied) return renderPage(c, '/admin/skolor', { values: { csv }, errors: {}, data: { plan: { errors: result.errors, changes: result.changes } } }, 400);
    const created = result.changes.filter((x) => x.action === 'create').length;
    const updated = result.changes.filter((x) => x.action === 'update').length;
    return c.redirect(`/admin/skolor?nya=${created}&andrade=${updated}`, 303);
  });

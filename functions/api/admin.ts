import { Hono } from 'hono';
import { openDb } from '../db/client';
import { inviteOfficer } from '../domain/officers';
import { loadContentTemplates } from '../domain/content-templates';
import { publishTemplate } from '../domain/templates';
import { findCurrentDistrict } from '../domain/registration';
import { AppError } from '../errors';
import { parseId } from '../http/ids';
import { messages } from '../messages';
import { inviteFields, inviteSchema } from '../validation/sign-in';
import { keepValues, parseForm, readForm } from './form';
import { requireRole } from './middleware';
import { renderPage } from './render';
import type { AppEnv } from './types';

export const admin = new Hono<AppEnv>()
  .use(requireRole('coordinator'))
  .post('/handlaggare', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(inviteSchema, values, inviteFields);
    const db = openDb(c.env.DB);
    const now = new Date();
    const errors = parsed.ok ? ((await findCurrentDistrict(db, parsed.data.district, now)) ? {} : { district: messages.fields.chooseDistrict }) : parsed.errors;
    if (!parsed.ok || Object.keys(errors).length > 0) return renderPage(c, '/admin/', { values: keepValues(values), errors }, 400);
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    await inviteOfficer({ db, actorUserId: user.userId, input: parsed.data, origin: new URL(c.req.url).origin, now });
    return c.redirect('/admin/?inbjuden=1', 303);
  })
  .post('/mallar', async (c) => {
    const version = parseId((await readForm(c))['version']);
    const content = (await loadContentTemplates(c.env.ASSETS, c.req.url)).find((t) => t.version === version);
    if (!content) throw new AppError('NOT_FOUND');
    const user = c.get('user');
    await publishTemplate({ db: openDb(c.env.DB), content, actorUserId: user?.userId ?? null, now: new Date(), origin: new URL(c.req.url).origin });
    return c.redirect(`/admin/mallar?publicerad=${version}`, 303);
  });

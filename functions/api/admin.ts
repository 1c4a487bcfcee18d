import { Hono, type Context } from 'hono';
import { openDb } from '../db/client';
import { inviteOfficer } from '../domain/officers';
import { loadContentTemplates } from '../domain/content-templates';
import { publishTemplate } from '../domain/templates';
import { findDistrictOn } from '../domain/districts';
import { AppError } from '../errors';
import { inviteFields, inviteSchema, moveSchema, removeFields, removeSchema } from '../validation/officer';
import { addDistrict, moveOfficer, removeOfficer, updateDistrict } from '../domain/admin';
import { districtAddFields, districtAddSchema, districtEditFields, districtEditSchema } from '../validation/district';
import { parseId } from '../http/ids';
import { cityAccount } from '../http/city-account';
import { startPrincipalHandover } from '../domain/principal-handover';
import { computeIndicator } from '../domain/indicator';
import { findSchoolByCode } from '../domain/schools';
import { adminPrincipalChangeFields, adminPrincipalChangeSchema } from '../validation/school';
import { messages } from '../messages';
import { keepValues, parseForm, readForm } from './form';
import { areaRoles } from '../domain/access';
import { requireRole } from './middleware';
import { renderPage } from './render';
import { idParam, signedInUser } from './params';
import type { AppEnv } from './types';

const actor = (c: Context<AppEnv>) => signedInUser(c).userId;

export const admin = new Hono<AppEnv>()
  .use(requireRole(...areaRoles.admin))
  .post('/handlaggare', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(inviteSchema, values, inviteFields);
    const db = openDb(c.env.DB);
    const now = new Date();
    const district = parsed.ok ? await findDistrictOn(db, parsed.data.district, now) : null;
    if (!parsed.ok || !district) return renderPage(c, '/admin/', { values: keepValues(values), errors: parsed.ok ? { district: messages.fields.chooseDistrict } : parsed.errors }, 400);
    try {
      await inviteOfficer({ db, actorUserId: actor(c), input: parsed.data, origin: c.env.PUBLIC_ORIGIN, now, cityAccount: cityAccount(c.env) !== null });
    } catch (error) {
      if (!(error instanceof AppError && (error.code === 'SCHOOL_ROLE_CONFLICT' || error.code === 'ALREADY_OFFICER'))) throw error;
      const message = error.code === 'ALREADY_OFFICER' ? messages.fields.alreadyOfficer(parsed.data.email, district.name) : error.message;
      return renderPage(c, '/admin/', { values: keepValues(values), errors: { email: message } }, error.status);
    }
    return c.redirect('/admin/?inbjuden=1', 303);
  })
  .post('/stadsdelar', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(districtAddSchema, values, districtAddFields);
    if (!parsed.ok) return renderPage(c, '/admin/stadsdelar', { values: keepValues(values), errors: parsed.errors }, 400);
    try {
      await addDistrict({ db: openDb(c.env.DB), actorUserId: actor(c), input: parsed.data, now: new Date() });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'DISTRICT_SLUG_TAKEN')) throw error;
      return renderPage(c, '/admin/stadsdelar', { values: keepValues(values), errors: { slug: messages.fields.districtSlugTaken } }, error.status);
    }
    return c.redirect(`/admin/stadsdelar?tillagd=${parsed.data.slug}`, 303);
  })
  .post('/stadsdelar/:slug', async (c) => {
    const slug = c.req.param('slug');
    const values = await readForm(c);
    const parsed = parseForm(districtEditSchema, values, districtEditFields);
    if (!parsed.ok) return renderPage(c, `/admin/stadsdelar/${slug}`, { values: keepValues(values), errors: parsed.errors }, 400);
    try {
      await updateDistrict({ db: openDb(c.env.DB), actorUserId: actor(c), slug, input: parsed.data, now: new Date() });
    } catch (error) {
      if (!(error instanceof AppError && (error.code === 'VALIDATION' || error.code === 'DISTRICT_DATES'))) throw error;
      const errors = error.code === 'DISTRICT_DATES' ? { validTo: error.message } : { successor: messages.fields.otherSuccessor };
      return renderPage(c, `/admin/stadsdelar/${slug}`, { values: keepValues(values), errors }, 400);
    }
    return c.redirect('/admin/stadsdelar?sparad=1', 303);
  })
  .post('/handlaggare/:userId/flytta', async (c) => {
    const parsed = moveSchema.safeParse(await readForm(c));
    if (!parsed.success) throw new AppError('VALIDATION');
    await moveOfficer({ db: openDb(c.env.DB), actorUserId: actor(c), userId: idParam(c, 'userId'), district: parsed.data.district, now: new Date() });
    return c.redirect('/admin/?flyttad=1', 303);
  })
  .post('/handlaggare/:userId/ta-bort', async (c) => {
    const userId = idParam(c, 'userId');
    // The second step of a removal: only the confirmation page's "Ja, ta bort" removes anyone.
    const parsed = parseForm(removeSchema, await readForm(c), removeFields);
    if (!parsed.ok) return renderPage(c, `/admin/handlaggare/${userId}/ta-bort`, { values: {}, errors: {}, formError: Object.values(parsed.errors)[0] ?? messages.fields.confirmRemoval }, 400);
    await removeOfficer({ db: openDb(c.env.DB), actorUserId: actor(c), userId, now: new Date() });
    return c.redirect('/admin/?borttagen=1', 303);
  })
  // The indicator is computed nightly; the coordinator can compute it now (e.g. after an import).
  .post('/indikator', async (c) => {
    const user = signedInUser(c);
    await computeIndicator({ db: openDb(c.env.DB), now: new Date(), actorUserId: user.userId });
    return c.redirect('/admin/?indikator=1', 303);
  })
  .post('/rektor', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(adminPrincipalChangeSchema, values, adminPrincipalChangeFields);
    if (!parsed.ok) return renderPage(c, '/admin/rektor', { values: keepValues(values), errors: parsed.errors }, 400);
    const db = openDb(c.env.DB);
    const { schoolUnitCode, ...input } = parsed.data;
    const school = await findSchoolByCode(db, schoolUnitCode);
    if (!school) return renderPage(c, '/admin/rektor', { values: keepValues(values), errors: { schoolUnitCode: messages.fields.unknownSchool } }, 400);
    try {
      await startPrincipalHandover({ db, user: signedInUser(c), schoolId: school.id, input, origin: c.env.PUBLIC_ORIGIN, now: new Date() });
    } catch (error) {
      if (!(error instanceof AppError && (error.code === 'CITY_ROLE_CONFLICT' || error.code === 'HANDOVER_SAME_PRINCIPAL'))) throw error;
      return renderPage(c, '/admin/rektor', { values: keepValues(values), errors: { principalEmail: error.message } }, error.status);
    }
    return c.redirect('/admin/rektor?skickad=1', 303);
  })
  .post('/mallar', async (c) => {
    const version = parseId((await readForm(c))['version']);
    const content = (await loadContentTemplates(c.env.ASSETS, c.req.url)).find((t) => t.version === version);
    if (!content) throw new AppError('NOT_FOUND');
    const user = c.get('user');
    await publishTemplate({ db: openDb(c.env.DB), content, actorUserId: user?.userId ?? null, now: new Date(), origin: c.env.PUBLIC_ORIGIN });
    return c.redirect(`/admin/mallar?publicerad=${version}`, 303);
  });

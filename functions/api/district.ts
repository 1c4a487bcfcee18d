import { Hono } from 'hono';
import { openDb } from '../db/client';
import { confirmSignOff } from '../domain/agreements/confirm-sign-off';
import { returnAgreement } from '../domain/agreements/return-agreement';
import { updateDistrictContact } from '../domain/district-desk';
import { officerDistrictIds } from '../domain/access';
import { AppError } from '../errors';
import { confirmSchema, returnFields, returnSchema, signFields } from '../validation/agreement';
import { districtContactFields, districtContactSchema } from '../validation/district';
import { keepValues, parseForm, readForm } from './form';
import { areaRoles } from '../domain/access';
import { requireRole } from './middleware';
import { renderPage } from './render';
import { idParam, signedInUser } from './params';
import type { AppEnv } from './types';

const orderErrors = new Set(['ALREADY_CONFIRMED', 'ALREADY_RETURNED', 'AGREEMENT_CHANGED', 'NOT_SIGNED_BY_SCHOOL', 'DOCUMENT_CHANGED', 'BOTH_SIDES']);

/** The district's side: confirm (countersign) or return, and keep the contact function. */
export const districtDesk = new Hono<AppEnv>()
  .use(requireRole(...areaRoles.district))
  .post('/overenskommelse/:id/bekrafta', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const page = `/stadsdel/overenskommelse/${id}`;
    const parsed = parseForm(confirmSchema, values, signFields);
    if (!parsed.ok) return renderPage(c, page, { values: keepValues(values), errors: parsed.errors }, 400);
    try {
      await confirmSignOff({ db: openDb(c.env.DB), user: signedInUser(c), agreementId: id, fullName: parsed.data.fullName, shownSha256: parsed.data.documentSha256, origin: c.env.PUBLIC_ORIGIN, now: new Date() });
    } catch (error) {
      if (error instanceof AppError && orderErrors.has(error.code)) return renderPage(c, page, { values: {}, errors: {}, formError: error.message }, error.status);
      throw error;
    }
    return c.redirect('/stadsdel/inkorg?bekraftad=1', 303);
  })
  .post('/overenskommelse/:id/returnera', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const page = `/stadsdel/overenskommelse/${id}`;
    const parsed = parseForm(returnSchema, values, returnFields);
    if (!parsed.ok) return renderPage(c, page, { values: keepValues(values), errors: parsed.errors }, 400);
    try {
      await returnAgreement({ db: openDb(c.env.DB), user: signedInUser(c), agreementId: id, comment: parsed.data.comment, origin: c.env.PUBLIC_ORIGIN, now: new Date() });
    } catch (error) {
      if (error instanceof AppError && orderErrors.has(error.code)) return renderPage(c, page, { values: {}, errors: {}, formError: error.message }, error.status);
      throw error;
    }
    return c.redirect('/stadsdel/inkorg?returnerad=1', 303);
  })
  .post('/kontakt', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(districtContactSchema, values, districtContactFields);
    if (!parsed.ok) return renderPage(c, '/stadsdel/kontakt', { values: keepValues(values), errors: parsed.errors }, 400);
    const user = signedInUser(c);
    const [districtId] = officerDistrictIds(user);
    if (districtId === undefined) throw new AppError('FORBIDDEN');
    await updateDistrictContact({ db: openDb(c.env.DB), user, districtId, input: parsed.data, origin: c.env.PUBLIC_ORIGIN, now: new Date() });
    return c.redirect('/stadsdel/kontakt?sparat=1', 303);
  });

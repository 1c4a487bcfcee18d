import { Hono, type Context } from 'hono';
import { openDb } from '../db/client';
import { loadAgreementDocument } from '../domain/agreements/load-agreement';
import { reviseAgreement } from '../domain/agreements/revise-agreement';
import { saveDraft } from '../domain/agreements/save-draft';
import { signAgreement } from '../domain/agreements/sign-agreement';
import { startAgreement } from '../domain/agreements/start-agreement';
import { AppError } from '../errors';
import { parseId } from '../http/ids';
import { additionFields, additionsSchema, signFields, signSchema } from '../validation/agreement';
import { keepValues, parseForm, readForm } from './form';
import { areaRoles } from '../domain/access';
import { requireRole } from './middleware';
import { renderPage } from './render';
import { idParam, signedInUser } from './params';
import type { AppEnv } from './types';

const refusedSaves = new Set(['AGREEMENT_CHANGED', 'AGREEMENT_ORDER']);
const refusedSignatures = new Set(['DOCUMENT_CHANGED', 'ADDITIONS_MISSING', 'AGREEMENT_ORDER']);
const origin = (c: Context<AppEnv>) => c.env.PUBLIC_ORIGIN;

/** The school's side of the agreement: start, fill in, preview, sign, revise. */
export const schoolAgreements = new Hono<AppEnv>()
  .use(requireRole(...areaRoles.school))
  .post('/starta', async (c) => {
    const schoolId = parseId((await readForm(c))['schoolId']);
    if (schoolId === null) throw new AppError('FORBIDDEN');
    const { agreementId } = await startAgreement({ db: openDb(c.env.DB), user: signedInUser(c), schoolId, now: new Date() });
    return c.redirect(`/skola/overenskommelse/utkast?id=${agreementId}`, 303);
  })
  .post('/:id/utkast', async (c) => {
    const id = idParam(c);
    const db = openDb(c.env.DB);
    const { action, ...values } = await readForm(c);
    const doc = await loadAgreementDocument({ db, agreementId: id });
    const fields = additionFields(doc.template.content);
    const toPreview = action === 'granska';
    const parsed = parseForm(additionsSchema(doc.template.content, { complete: toPreview }), values, fields);
    if (!parsed.ok) {
      // A draft with a mistake is still worth keeping: save what is valid only when saving.
      return renderPage(c, `/skola/overenskommelse/utkast?id=${id}`, { values: keepValues(values), errors: parsed.errors }, 400);
    }
    try {
      await saveDraft({ db, user: signedInUser(c), agreementId: id, values: parsed.data, now: new Date() });
    } catch (error) {
      if (!(error instanceof AppError && refusedSaves.has(error.code))) throw error;
      return renderPage(c, `/skola/overenskommelse/utkast?id=${id}`, { values: keepValues(values), errors: {}, formError: error.message }, error.status);
    }
    return c.redirect(toPreview ? `/skola/overenskommelse/granska?id=${id}` : `/skola/overenskommelse/utkast?id=${id}&sparat=1`, 303);
  })
  .post('/:id/skriv-under', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const parsed = parseForm(signSchema, values, signFields);
    if (!parsed.ok) return renderPage(c, `/skola/overenskommelse/granska?id=${id}`, { values: keepValues(values), errors: parsed.errors }, 400);
    try {
      await signAgreement({ db: openDb(c.env.DB), user: signedInUser(c), agreementId: id, fullName: parsed.data.fullName, shownSha256: parsed.data.documentSha256, origin: origin(c), now: new Date() });
    } catch (error) {
      if (!(error instanceof AppError && refusedSignatures.has(error.code))) throw error;
      return renderPage(c, `/skola/overenskommelse/granska?id=${id}`, { values: keepValues(values), errors: {}, formError: error.message }, error.status);
    }
    return c.redirect('/skola/overenskommelse?undertecknad=1', 303);
  })
  .post('/:id/revidera', async (c) => {
    const { agreementId } = await reviseAgreement({ db: openDb(c.env.DB), user: signedInUser(c), agreementId: idParam(c), now: new Date() });
    return c.redirect(`/skola/overenskommelse/utkast?id=${agreementId}`, 303);
  });

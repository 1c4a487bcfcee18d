import { loadContentTemplates } from '../domain/content-templates';
import { computeIndicator } from '../domain/indicator';
import { startPrincipalHandover } from '../domain/principal-handover';
import { findSchoolByCode } from '../domain/schools';
import { publishTemplate } from '../domain/templates';
import { AppError } from '../errors';
import { parseId } from '../http/ids';
import { messages } from '../messages';
import { adminPrincipalChangeFields, adminPrincipalChangeSchema } from '../validation/school';
import { coordinatorOf } from './coordinator';
import { parseForm, showAgain, type FormHandler } from './form';

/** /admin/?atgard=rakna-om: the indicator is computed nightly; the coordinator can compute it now (e.g. after an import). */
export const recomputeIndicatorForm: FormHandler = async ({ db, user, now }) => {
  await computeIndicator({ db, now, actorUserId: coordinatorOf(user).userId });
  return { redirect: '/admin/?indikator=1' };
};

/** /admin/rektor: the coordinator starts a change of principal for a school the portal knows. */
export const adminPrincipalHandoverForm: FormHandler = async ({ db, env, user, values, now }) => {
  const coordinator = coordinatorOf(user);
  const parsed = parseForm(adminPrincipalChangeSchema, values, adminPrincipalChangeFields);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const { schoolUnitCode, ...input } = parsed.data;
  const school = await findSchoolByCode(db, schoolUnitCode);
  if (!school) return showAgain(values, { schoolUnitCode: messages.fields.unknownSchool });
  try {
    await startPrincipalHandover({ db, user: coordinator, schoolId: school.id, input, origin: env.PUBLIC_ORIGIN, now });
  } catch (error) {
    if (!(
      error instanceof AppError &&
      (error.code === 'CITY_ROLE_CONFLICT' || error.code === 'HANDOVER_SAME_PRINCIPAL')
    ))
      throw error;
    return showAgain(values, { principalEmail: error.message }, error.status);
  }
  return { redirect: '/admin/rektor?skickad=1' };
};

/** /admin/mallar: publishes a version of the agreement that the content holds and D1 does not yet. */
export const publishTemplateForm: FormHandler = async ({ db, env, user, values, url, now }) => {
  const coordinator = coordinatorOf(user);
  const version = parseId(values['version']);
  const content = (await loadContentTemplates(env.ASSETS, url.href)).find((t) => t.version === version);
  if (!content) throw new AppError('NOT_FOUND');
  await publishTemplate({ db, content, actorUserId: coordinator.userId, now, origin: env.PUBLIC_ORIGIN });
  return { redirect: `/admin/mallar?publicerad=${content.version}` };
};

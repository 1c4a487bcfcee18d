import { sha256Hex } from '../domain/crypto';
import { checkRegistration } from '../domain/check-registration';
import { hitRateLimit } from '../domain/rate-limit';
import { registerSchool } from '../domain/registration';
import { AppError } from '../errors';
import { clientKey } from '../http/client';
import { dropDraft, keepDraft, readDraft } from '../http/form-draft';
import { messages } from '../messages';
import { registrationFields, registrationSchema } from '../validation/registration';
import { parseForm, refuse, showAgain, type FormContext, type FormHandler } from './form';

const hour = 60 * 60;
/** The answers between "fill in" and "send" (see http/form-draft.ts). */
export const registrationDraft = '__Host-registrering';

// A taken code is a conflict (409), anything else the user can correct (400).
const statusOf = (errors: Record<string, string>) => (errors['schoolUnitCode'] === messages.fields.duplicateSchoolUnitCode ? 409 : 400);

async function validate({ db, values, now }: Pick<FormContext, 'db' | 'values' | 'now'>) {
  const parsed = parseForm(registrationSchema, values, registrationFields);
  if (!parsed.ok) return { errors: parsed.errors };
  const errors = await checkRegistration({ db, input: parsed.data, now });
  return Object.keys(errors).length > 0 ? { errors } : { data: parsed.data };
}

/** Step 1, /registrera: valid answers are kept and go on to "check your answers". */
export const fillInRegistration: FormHandler = async (ctx) => {
  const { errors } = await validate(ctx);
  if (errors) return showAgain(ctx.values, errors, statusOf(errors));
  await keepDraft(ctx.cookies, registrationDraft, ctx.values);
  return { redirect: '/registrera/kontrollera' };
};

/** Step 2, /registrera/kontrollera: everything is checked again; the database decides about duplicates. */
export const sendRegistration: FormHandler = async ({ db, env, cookies, headers, now }) => {
  const values = await readDraft(cookies, registrationDraft);
  if (!values) return { redirect: '/registrera' };
  const { data, errors } = await validate({ db, values, now });
  if (!data) return showAgain(values, errors, statusOf(errors));
  const withinLimits = [
    await hitRateLimit({ db, now, limit: { key: `register:email:${await sha256Hex(data.principalEmail)}`, max: 5, windowSeconds: hour } }),
    await hitRateLimit({ db, now, limit: { key: `register:client:${clientKey(headers)}`, max: 20, windowSeconds: hour } }),
  ].every(Boolean);
  if (!withinLimits) return refuse(values, new AppError('RATE_LIMITED'));
  try {
    const { reference } = await registerSchool({ db, input: data, origin: env.PUBLIC_ORIGIN, now });
    dropDraft(cookies, registrationDraft);
    return { redirect: `/registrera/klar?referens=${reference}` };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'DUPLICATE_SCHOOL')) throw error;
    return showAgain(values, { schoolUnitCode: messages.fields.duplicateSchoolUnitCode }, 409);
  }
};

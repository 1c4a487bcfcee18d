import type { AstroCookies } from 'astro';
import { eq } from 'drizzle-orm';
import { schools } from '../db/schema';
import { sha256Hex } from '../domain/crypto';
import {
  readRegistrationFacts,
  registrationErrors,
  registrationStatus,
  type RegistrationFacts,
} from '../domain/check-registration';
import { hitRateLimit, hitRateLimits } from '../domain/rate-limit';
import { checkSchoolUnit, prefillFrom, registerCheckOf } from '../domain/register-check';
import { registerSchool } from '../domain/registration';
import { AppError } from '../errors';
import { clientKey } from '../http/client';
import { dropDraft, keepDraft, readDraft } from '../http/form-draft';
import type { FormValues } from '../http/form-post';
import { messages } from '../messages';
import { registerConfig } from '../register/skolverket';
import { registrationFields, registrationSchema, schoolUnitCodeSchema } from '../validation/registration';
import { parseForm, refuse, showAgain, type FormContext, type FormHandler, type FormOutcome } from './form';

const hour = 60 * 60;
/** The answers between the steps (see http/form-draft.ts): the code, the prefill, what the school typed. */
export const registrationDraft = '__Host-registrering';
/** In the draft beside the answers: whether Skolverket's register answered the lookup ("ja"/"nej"). */
const sourceKey = 'registret';
// Answers the register does not hold; a new code keeps them, so the school need not type them twice.
const ownAnswers = ['district', 'principalName', 'principalEmail', 'contactEmail', 'consent'] as const;

/** Beside a refusal for a code already in the network: the page offers to sign in instead. */
const signInInstead = { alreadyRegistered: true };

export type RegistrationDraft = { values: FormValues; fromRegister: boolean };

/** The kept answers and whether the register filled them in; null before the code is given. */
export async function readRegistration(cookies: AstroCookies): Promise<RegistrationDraft | null> {
  const kept = await readDraft(cookies, registrationDraft);
  if (!kept || typeof kept['schoolUnitCode'] !== 'string') return null;
  const { [sourceKey]: source, ...values } = kept;
  return { values, fromRegister: source === 'ja' };
}

const keepRegistration = (cookies: AstroCookies, { values, fromRegister }: RegistrationDraft) =>
  keepDraft(cookies, registrationDraft, { ...values, [sourceKey]: fromRegister ? 'ja' : 'nej' });

const codeTaken = async ({ db }: Pick<FormContext, 'db'>, code: string) =>
  (await db.select({ id: schools.id }).from(schools).where(eq(schools.schoolUnitCode, code)).limit(1)).length > 0;

/**
 * Step 1, /registrera (and the invitation's link, /registrera?skolenhetskod=…): the code is looked
 * up in Skolverket's register and the form prefilled from it. A code the register refuses is
 * refused here, with the reason; when Skolverket does not answer, the school goes on by hand.
 */
export const lookUpSchoolUnit: FormHandler = async (ctx) => {
  const { db, env, values, cookies, headers, now } = ctx;
  const parsed = parseForm(schoolUnitCodeSchema, values, ['schoolUnitCode']);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const code = parsed.data.schoolUnitCode;
  if (await codeTaken(ctx, code))
    return showAgain(values, { schoolUnitCode: messages.fields.duplicateSchoolUnitCode }, 409, signInInstead);
  // Each lookup costs a call to Skolverket; a client may not make the portal a proxy for it.
  if (
    !(await hitRateLimit({
      db,
      now,
      limit: { key: `register-lookup:client:${clientKey(headers)}`, max: 30, windowSeconds: hour },
    }))
  ) {
    return refuse(values, new AppError('RATE_LIMITED'));
  }
  const check = await checkSchoolUnit(registerConfig(env), code);
  if ('refused' in check) {
    const refusal = new AppError(check.refused);
    return showAgain(values, { schoolUnitCode: refusal.message }, refusal.status);
  }
  const before = await readRegistration(cookies);
  // The same code again (back from a later step): what the school has corrected stays.
  if (before?.values['schoolUnitCode'] !== code) {
    const own = Object.fromEntries(
      ownAnswers.flatMap((k) => (before?.values[k] !== undefined ? [[k, before.values[k]]] : [])),
    );
    const fromRegister = 'unit' in check;
    await keepRegistration(cookies, {
      values: { ...own, ...(fromRegister ? prefillFrom(check.unit) : {}), schoolUnitCode: code },
      fromRegister,
    });
  }
  return { redirect: '/registrera/uppgifter' };
};

/** The page again when the database's facts refuse the registration; null when they let it on. */
function refusedByFacts(values: FormValues, facts: RegistrationFacts): FormOutcome | null {
  const errors = registrationErrors(facts);
  if (Object.keys(errors).length === 0) return null;
  return showAgain(values, errors, registrationStatus(facts), facts.taken ? signInInstead : undefined);
}

/** The answers checked for form and against the database; null when the registration may go on. */
async function refusedAnswers({ db, values, now }: Pick<FormContext, 'db' | 'values' | 'now'>) {
  const parsed = parseForm(registrationSchema, values, registrationFields);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  return refusedByFacts(values, await readRegistrationFacts({ db, input: parsed.data, now }));
}

/** Step 2, /registrera/uppgifter: the school confirms or corrects; the code is the one looked up. */
export const fillInRegistration: FormHandler = async (ctx) => {
  const draft = await readRegistration(ctx.cookies);
  if (!draft) return { redirect: '/registrera' };
  // Another code goes through the lookup (step 1), never in beside the answers.
  if ('schoolUnitCode' in ctx.values) return refuse(ctx.values, new AppError('UNKNOWN_FIELDS'));
  const values = { ...ctx.values, schoolUnitCode: draft.values['schoolUnitCode'] as string };
  const refused = await refusedAnswers({ ...ctx, values });
  if (refused) return refused;
  await keepRegistration(ctx.cookies, { values, fromRegister: draft.fromRegister });
  return { redirect: '/registrera/kontrollera' };
};

/**
 * Step 3, /registrera/kontrollera: everything is checked again, the register included (a unit
 * may have closed meanwhile); the database decides about duplicates. When Skolverket does not
 * answer now, the school is registered flagged for the coordinator to check.
 */
export const sendRegistration: FormHandler = async ({ db, env, cookies, headers, now }) => {
  const draft = await readRegistration(cookies);
  if (!draft) return { redirect: '/registrera' };
  const { values } = draft;
  const parsed = parseForm(registrationSchema, values, registrationFields);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const data = parsed.data;
  const emailKey = await sha256Hex(data.principalEmail);
  // One round trip for the checks and both counts (an attempt counts even when a check refuses
  // it); the facts read here are the ones the school is registered on, not read a second time.
  const [facts, withinLimits] = await Promise.all([
    readRegistrationFacts({ db, input: data, now }),
    hitRateLimits({
      db,
      now,
      limits: [
        { key: `register:email:${emailKey}`, max: 5, windowSeconds: hour },
        { key: `register:client:${clientKey(headers)}`, max: 20, windowSeconds: hour },
      ],
    }),
  ]);
  const refused = refusedByFacts(values, facts);
  if (refused) return refused;
  if (!withinLimits) return refuse(values, new AppError('RATE_LIMITED'));
  const check = await checkSchoolUnit(registerConfig(env), data.schoolUnitCode);
  if ('refused' in check) {
    const refusal = new AppError(check.refused);
    return showAgain(values, { schoolUnitCode: refusal.message }, refusal.status);
  }
  try {
    const { reference } = await registerSchool({
      db,
      input: data,
      registerCheck: registerCheckOf(check),
      facts,
      origin: env.PUBLIC_ORIGIN,
      now,
    });
    dropDraft(cookies, registrationDraft);
    return { redirect: `/registrera/klar?referens=${reference}` };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'DUPLICATE_SCHOOL')) throw error;
    return showAgain(values, { schoolUnitCode: messages.fields.duplicateSchoolUnitCode }, 409, signInInstead);
  }
};

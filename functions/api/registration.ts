import { Hono, type Context } from 'hono';
import { eq } from 'drizzle-orm';
import { openDb } from '../db/client';
import { schools } from '../db/schema';
import { sha256Hex } from '../domain/crypto';
import { hitRateLimit } from '../domain/rate-limit';
import { findCurrentDistrict, registerSchool } from '../domain/registration';
import { AppError } from '../errors';
import { clientKey } from '../http/client';
import { messages } from '../messages';
import { registrationFields, registrationSchema, type Registration } from '../validation/registration';
import { keepValues, parseForm, readForm, type FormValues } from './form';
import { renderPage } from './render';
import type { AppEnv } from './types';
import { addressHoldsRole } from '../domain/address-roles';
import { districtRoles } from '../domain/access';

const hour = 60 * 60;

/** Checks that need the database: the district exists today, the code is not taken. */
async function registerErrors(c: Context<AppEnv>, data: Registration): Promise<Record<string, string>> {
  const db = openDb(c.env.DB);
  const errors: Record<string, string> = {};
  if (!(await findCurrentDistrict(db, data.district, new Date()))) errors['district'] = messages.fields.district;
  const [taken] = await db.select({ id: schools.id }).from(schools).where(eq(schools.schoolUnitCode, data.schoolUnitCode)).limit(1);
  if (taken) errors['schoolUnitCode'] = messages.fields.duplicateSchoolUnitCode;
  if (await addressHoldsRole(db, data.principalEmail, districtRoles)) errors['principalEmail'] = messages.errors.CITY_ROLE_CONFLICT;
  if (await addressHoldsRole(db, data.contactEmail, districtRoles)) errors['contactEmail'] = messages.fields.cityRoleContact;
  return Object.fromEntries(registrationFields.filter((f) => f in errors).map((f) => [f, errors[f] as string]));
}

/** Validates a posted registration; on any error the form comes back with the answers kept. */
async function validate(c: Context<AppEnv>, values: FormValues) {
  const parsed = parseForm(registrationSchema, values, registrationFields);
  const errors = parsed.ok ? await registerErrors(c, parsed.data) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    const status = errors['schoolUnitCode'] === messages.fields.duplicateSchoolUnitCode ? 409 : 400;
    return { data: null, response: await renderPage(c, '/registrera', { values: keepValues(values), errors }, status) };
  }
  return { data: parsed.data, response: null };
}

export const registration = new Hono<AppEnv>()
  // Step 1: the form. Valid answers go on to "check your answers".
  .post('/', async (c) => {
    const values = await readForm(c);
    const { response } = await validate(c, values);
    return response ?? renderPage(c, '/registrera/kontrollera', { values: keepValues(values), errors: {} }, 200);
  })
  // "Ändra" on the check page: back to the form with every answer in place.
  .post('/andra', async (c) => renderPage(c, '/registrera', { values: keepValues(await readForm(c)), errors: {} }, 200))
  // Step 2: send. Everything is validated again; the database decides about duplicates.
  .post('/skicka', async (c) => {
    const values = await readForm(c);
    const { data, response } = await validate(c, values);
    if (!data) return response;
    const db = openDb(c.env.DB);
    const now = new Date();
    const withinLimits = [
      await hitRateLimit({ db, now, limit: { key: `register:email:${await sha256Hex(data.principalEmail)}`, max: 5, windowSeconds: hour } }),
      await hitRateLimit({ db, now, limit: { key: `register:client:${clientKey(c.req.raw.headers)}`, max: 20, windowSeconds: hour } }),
    ].every(Boolean);
    if (!withinLimits) {
      return renderPage(c, '/registrera/kontrollera', { values: keepValues(values), errors: {}, formError: messages.errors.RATE_LIMITED }, 429);
    }
    try {
      const { reference } = await registerSchool({ db, input: data, origin: c.env.PUBLIC_ORIGIN, now });
      return c.redirect(`/registrera/klar?referens=${reference}`, 303);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'DUPLICATE_SCHOOL')) throw error;
      return renderPage(c, '/registrera', { values: keepValues(values), errors: { schoolUnitCode: messages.fields.duplicateSchoolUnitCode } }, 409);
    }
  });

import { startPrincipalHandover } from '../domain/principal-handover';
import { changeContactAddress } from '../domain/schools';
import { AppError } from '../errors';
import { requireId } from '../http/ids';
import {
  contactChangeFields,
  contactChangeSchema,
  principalChangeFields,
  principalChangeSchema,
} from '../validation/school';
import { parseForm, showAgain, signedIn, type FormContext, type FormHandler } from './form';

// /skola/: the school's principal changes the function address or hands the role over. The school
// is named by the form's `?skola=`; the domain checks that the user is its principal.

function schoolOf({ url, user }: FormContext) {
  const sender = signedIn(user);
  const schoolId = requireId(url.searchParams.get('skola'));
  return { user: sender, schoolId };
}

/** The refusals (`codes`) the user can correct come back at `field`, with the answers kept. */
async function atField(ctx: FormContext, field: string, codes: readonly string[], change: () => Promise<unknown>) {
  try {
    await change();
    return null;
  } catch (error) {
    if (!(error instanceof AppError && codes.includes(error.code))) throw error;
    return showAgain(ctx.values, { [field]: error.message }, error.status);
  }
}

export const changeSchoolContact: FormHandler = async (ctx) => {
  const { user, schoolId } = schoolOf(ctx);
  const parsed = parseForm(contactChangeSchema, ctx.values, contactChangeFields);
  if (!parsed.ok) return showAgain(ctx.values, parsed.errors);
  const refused = await atField(ctx, 'contactEmail', ['CITY_ROLE_CONFLICT'], () =>
    changeContactAddress({ db: ctx.db, user, schoolId, contactEmail: parsed.data.contactEmail, now: ctx.now }),
  );
  return refused ?? { redirect: '/skola/?andrat=kontakt' };
};

export const handOverSchool: FormHandler = async (ctx) => {
  const { user, schoolId } = schoolOf(ctx);
  const parsed = parseForm(principalChangeSchema, ctx.values, principalChangeFields);
  if (!parsed.ok) return showAgain(ctx.values, parsed.errors);
  const refused = await atField(ctx, 'principalEmail', ['CITY_ROLE_CONFLICT', 'HANDOVER_SAME_PRINCIPAL'], () =>
    startPrincipalHandover({
      db: ctx.db,
      user,
      schoolId,
      input: parsed.data,
      origin: ctx.env.PUBLIC_ORIGIN,
      now: ctx.now,
    }),
  );
  return refused ?? { redirect: '/skola/?andrat=rektor' };
};

import { inviteSchoolUnit } from '../domain/outreach';
import { recheckRegistration } from '../domain/recheck-registration';
import { AppError } from '../errors';
import { registerConfig } from '../register/skolverket';
import { schoolUnitCodeSchema } from '../validation/registration';
import { coordinatorOf } from './coordinator';
import { parseForm, refuse, showAgain, type FormContext, type FormHandler } from './form';

type UnitAct = (ctx: FormContext & { actorUserId: number; code: string }) => Promise<unknown>;

/**
 * A coordinator's action on one school unit by its code: the role checked again, the code parsed,
 * the domain's refusals (those `shown` picks) answered at the page with the reason, then on to `next`.
 */
const unitAction =
  (act: UnitAct, next: (code: string) => string, shown = (error: AppError) => error.status < 500): FormHandler =>
  async (ctx) => {
    const { values } = ctx;
    const user = coordinatorOf(ctx.user);
    const parsed = parseForm(schoolUnitCodeSchema, values, ['schoolUnitCode']);
    if (!parsed.ok) return showAgain(values, parsed.errors);
    const code = parsed.data.schoolUnitCode;
    try {
      await act({ ...ctx, actorUserId: user.userId, code });
    } catch (error) {
      if (error instanceof AppError && error.code !== 'FORBIDDEN' && shown(error)) return refuse(values, error);
      throw error;
    }
    return { redirect: next(code) };
  };

/** /admin/skolenheter?atgard=bjud-in: the coordinator invites one unit outside the network. */
export const inviteUnit = unitAction(
  ({ db, env, actorUserId, code, now }) => inviteSchoolUnit({ db, actorUserId, code, origin: env.PUBLIC_ORIGIN, now }),
  (code) => `/admin/skolenheter?inbjuden=${code}`,
);

/**
 * /admin/skolenheter?atgard=kontrollera: the coordinator checks a flagged registration's code
 * again. The register's answer, or its silence (503), is shown at the page.
 */
export const recheckUnit = unitAction(
  ({ db, env, actorUserId, code, now }) =>
    recheckRegistration({ db, config: registerConfig(env), actorUserId, code, now }),
  (code) => `/admin/skolenheter?kontrollerad=${code}`,
  (error) => error.status < 500 || error.code === 'REGISTER_UNAVAILABLE',
);

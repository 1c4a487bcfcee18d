import { isCoordinator } from '../domain/access';
import { inviteSchoolUnit } from '../domain/outreach';
import { recheckRegistration } from '../domain/recheck-registration';
import { AppError } from '../errors';
import { registerConfig } from '../register/skolverket';
import { schoolUnitCodeSchema } from '../validation/registration';
import { parseForm, refuse, showAgain, type FormHandler } from './form';

/** /admin/skolenheter?atgard=bjud-in: the coordinator invites one unit outside the network. */
export const inviteUnit: FormHandler = async ({ db, env, user, values, now }) => {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!isCoordinator(user)) throw new AppError('FORBIDDEN');
  const parsed = parseForm(schoolUnitCodeSchema, values, ['schoolUnitCode']);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const code = parsed.data.schoolUnitCode;
  try {
    await inviteSchoolUnit({ db, actorUserId: user.userId, code, origin: env.PUBLIC_ORIGIN, now });
  } catch (error) {
    if (error instanceof AppError && error.status < 500 && error.code !== 'FORBIDDEN') return refuse(values, error);
    throw error;
  }
  return { redirect: `/admin/skolenheter?inbjuden=${code}` };
};

/** /admin/skolenheter?atgard=kontrollera: the coordinator checks a flagged registration's code again. */
export const recheckUnit: FormHandler = async ({ db, env, user, values, now }) => {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!isCoordinator(user)) throw new AppError('FORBIDDEN');
  const parsed = parseForm(schoolUnitCodeSchema, values, ['schoolUnitCode']);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const code = parsed.data.schoolUnitCode;
  try {
    await recheckRegistration({ db, config: registerConfig(env), actorUserId: user.userId, code, now });
  } catch (error) {
    // The register's answer (or its silence) is shown at the page; anything else is not this form's.
    const shown = error instanceof AppError && (error.status < 500 || error.code === 'REGISTER_UNAVAILABLE');
    if (shown && error.code !== 'FORBIDDEN') return refuse(values, error);
    throw error;
  }
  return { redirect: `/admin/skolenheter?kontrollerad=${code}` };
};

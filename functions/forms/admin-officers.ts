import { findDistrictOn } from '../domain/districts';
import { moveOfficer, removeOfficer } from '../domain/admin';
import { inviteOfficer } from '../domain/officers';
import { AppError } from '../errors';
import { cityAccount } from '../http/city-account';
import { requireId } from '../http/ids';
import { messages } from '../messages';
import { inviteFields, inviteSchema, moveSchema, removeFields, removeSchema } from '../validation/officer';
import { coordinatorOf } from './coordinator';
import { parseForm, showAgain, type FormHandler } from './form';

/** /admin/?atgard=bjud-in: the coordinator invites an officer to a district that exists today. */
export const inviteOfficerForm: FormHandler = async ({ db, env, user, values, now }) => {
  const coordinator = coordinatorOf(user);
  const parsed = parseForm(inviteSchema, values, inviteFields);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  const district = await findDistrictOn(db, parsed.data.district, now);
  if (!district) return showAgain(values, { district: messages.fields.chooseDistrict });
  try {
    await inviteOfficer({
      db,
      actorUserId: coordinator.userId,
      input: parsed.data,
      origin: env.PUBLIC_ORIGIN,
      now,
      cityAccount: cityAccount(env) !== null,
    });
  } catch (error) {
    if (!(error instanceof AppError && (error.code === 'SCHOOL_ROLE_CONFLICT' || error.code === 'ALREADY_OFFICER')))
      throw error;
    const message =
      error.code === 'ALREADY_OFFICER'
        ? messages.fields.alreadyOfficer(parsed.data.email, district.name)
        : error.message;
    return showAgain(values, { email: message }, error.status);
  }
  return { redirect: '/admin/?inbjuden=1' };
};

/** /admin/?atgard=flytta&id=<userId>: the officer's row posts the district to move to. */
export const moveOfficerForm: FormHandler = async ({ db, user, values, url, now }) => {
  const coordinator = coordinatorOf(user);
  const userId = requireId(url.searchParams.get('id'));
  const parsed = moveSchema.safeParse(values);
  if (!parsed.success) throw new AppError('VALIDATION');
  await moveOfficer({ db, actorUserId: coordinator.userId, userId, district: parsed.data.district, now });
  return { redirect: '/admin/?flyttad=1' };
};

/** /admin/handlaggare/[userId]/ta-bort: the second step of a removal; only "Ja, ta bort" removes anyone. */
export const removeOfficerForm =
  (userId: number | null): FormHandler =>
  async ({ db, user, values, now }) => {
    const coordinator = coordinatorOf(user);
    if (userId === null) throw new AppError('NOT_FOUND');
    const parsed = parseForm(removeSchema, values, removeFields);
    if (!parsed.ok)
      return {
        state: { values: {}, errors: {}, formError: Object.values(parsed.errors)[0] ?? messages.fields.confirmRemoval },
        status: 400,
      };
    await removeOfficer({ db, actorUserId: coordinator.userId, userId, now });
    return { redirect: '/admin/?borttagen=1' };
  };

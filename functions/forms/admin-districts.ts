import { addDistrict, updateDistrict } from '../domain/admin';
import { AppError } from '../errors';
import { messages } from '../messages';
import { districtAddFields, districtAddSchema, districtEditFields, districtEditSchema } from '../validation/district';
import { coordinatorOf } from './coordinator';
import { parseForm, showAgain, type FormHandler } from './form';

/** /admin/stadsdelar: a new district, e.g. one a merger forms, from its first day. */
export const addDistrictForm: FormHandler = async ({ db, user, values, now }) => {
  const coordinator = coordinatorOf(user);
  const parsed = parseForm(districtAddSchema, values, districtAddFields);
  if (!parsed.ok) return showAgain(values, parsed.errors);
  try {
    await addDistrict({ db, actorUserId: coordinator.userId, input: parsed.data, now });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'DISTRICT_SLUG_TAKEN')) throw error;
    return showAgain(values, { slug: messages.fields.districtSlugTaken }, error.status);
  }
  return { redirect: `/admin/stadsdelar?tillagd=${parsed.data.slug}` };
};

/** /admin/stadsdelar/[slug]: the district's name, its last day and the district that takes over. */
export const editDistrictForm =
  (slug: string): FormHandler =>
  async ({ db, user, values, now }) => {
    const coordinator = coordinatorOf(user);
    const parsed = parseForm(districtEditSchema, values, districtEditFields);
    if (!parsed.ok) return showAgain(values, parsed.errors);
    try {
      await updateDistrict({ db, actorUserId: coordinator.userId, slug, input: parsed.data, now });
    } catch (error) {
      if (!(error instanceof AppError && (error.code === 'VALIDATION' || error.code === 'DISTRICT_DATES'))) throw error;
      return showAgain(
        values,
        error.code === 'DISTRICT_DATES' ? { validTo: error.message } : { successor: messages.fields.otherSuccessor },
      );
    }
    return { redirect: '/admin/stadsdelar?sparad=1' };
  };

import { officerDistrictIds } from '../../functions/domain/access';

/** The district a signed-in officer works for (officers have one). */
export const officerDistrict = (locals: App.Locals) =>
  (locals.user ? officerDistrictIds(locals.user)[0] : undefined) ?? null;

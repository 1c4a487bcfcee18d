import { officerDistrictIds } from '../../functions/domain/officers';

/** The district a signed-in officer works for (officers have one). */
export const officerDistrict = (locals: App.Locals) => officerDistrictIds(locals.user?.memberships ?? [])[0] ?? null;

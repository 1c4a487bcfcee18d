import { importSchools, planSchoolImport, type ImportPlan } from '../domain/school-import';
import { AppError } from '../errors';
import type { FormOutcome, FormContext, FormHandler } from './form';
import { messages } from '../messages';
import { coordinatorOf } from './coordinator';

/** The CSV comes as an uploaded file (first step, read as text by the middleware) or as the text the confirm form carries. */
function csvOf(values: FormContext['values']): string {
  for (const field of ['fil', 'csv']) {
    const value = values[field];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return '';
}

// The whole CSV is kept for the confirm step (not clipped like other answers shown again).
const withPlan = (csv: string, plan: ImportPlan, status: number): FormOutcome => ({
  state: { values: { csv }, errors: {}, data: { plan: { errors: plan.errors, changes: plan.changes } } },
  status,
});

/** /admin/skolor?atgard=forhandsgranska: what the file would change, before anything changes. */
export const previewImportForm: FormHandler = async ({ db, user, values, now }) => {
  coordinatorOf(user);
  const csv = csvOf(values);
  if (!csv) return { state: { values: {}, errors: { fil: messages.import.noFile } }, status: 400 };
  const plan = await planSchoolImport({ db, csv, now });
  return withPlan(csv, plan, plan.errors.length ? 400 : 200);
};

/** /admin/skolor?atgard=las-in: all of the previewed file, or nothing when it has become wrong meanwhile. */
export const runImportForm: FormHandler = async ({ db, user, values, now }) => {
  const coordinator = coordinatorOf(user);
  const csv = csvOf(values);
  if (!csv) throw new AppError('BAD_REQUEST');
  const result = await importSchools({ db, csv, actorUserId: coordinator.userId, now });
  if (!result.applied) return withPlan(csv, result, 400);
  const created = result.changes.filter((x) => x.action === 'create').length;
  const updated = result.changes.filter((x) => x.action === 'update').length;
  return { redirect: `/admin/skolor?nya=${created}&andrade=${updated}` };
};

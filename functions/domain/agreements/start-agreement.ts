import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreements, schools } from '../../db/schema';
import { AppError } from '../../errors';
import { isSchoolMember } from '../access';
import type { SessionUser } from '../sign-in';
import { createDraft, openAgreementOf } from './create-draft';

/** Starts a draft from the current template, or continues the one the school already has. */
export async function startAgreement({
  db,
  user,
  schoolId,
  now,
}: {
  db: Db;
  user: SessionUser;
  schoolId: number;
  now: Date;
}) {
  if (!isSchoolMember(user, schoolId)) throw new AppError('FORBIDDEN');
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId)).limit(1);
  if (!school) throw new AppError('NOT_FOUND');
  if (school.status !== 'active') throw new AppError('SCHOOL_NOT_VERIFIED');
  const open = await openAgreementOf(db, schoolId);
  if (open) return { agreementId: open.id };
  const [previous] = await db
    .select()
    .from(agreements)
    .where(eq(agreements.schoolId, schoolId))
    .orderBy(desc(agreements.id))
    .limit(1);
  return createDraft(db, { user, school, previous: previous ?? null, now });
}

import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreements } from '../../db/schema';
import { AppError } from '../../errors';
import { isSchoolMember } from '../access';
import type { SessionUser } from '../sign-in';

/** The school's agreements, newest first (the first is the one in force or in the making). */
export async function listSchoolAgreements({ db, user, schoolId }: { db: Db; user: SessionUser; schoolId: number }) {
  if (!isSchoolMember(user, schoolId)) throw new AppError('FORBIDDEN');
  return db.select().from(agreements).where(eq(agreements.schoolId, schoolId)).orderBy(desc(agreements.id));
}

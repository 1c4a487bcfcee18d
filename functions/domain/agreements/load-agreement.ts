import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreements, schools, signatures } from '../../db/schema';
import { AppError } from '../../errors';
import { isCoordinator, isOfficerOf, isSchoolMember } from '../access';
import { agreementBlocks, blocksToText } from '../agreement-document';
import { sha256Hex } from '../crypto';
import type { SessionUser } from '../sign-in';
import { getTemplateVersion } from '../templates';

export const openStatuses = ['draft', 'awaiting', 'returned'] as const;

/** The agreement with everything needed to render it, and the text and hash of that rendering. */
export async function loadAgreementDocument({ db, agreementId }: { db: Db; agreementId: number }) {
  const [row] = await db
    .select({ agreement: agreements, school: schools })
    .from(agreements)
    .innerJoin(schools, eq(schools.id, agreements.schoolId))
    .where(eq(agreements.id, agreementId))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND');
  const template = await getTemplateVersion({ db, version: row.agreement.templateVersion });
  if (!template) throw new AppError('NO_TEMPLATE');
  const parties = {
    schoolName: row.school.name,
    schoolUnitCode: row.school.schoolUnitCode,
    organizerName: row.school.organizerName,
    organizerOrgNumber: row.school.organizerOrgNumber,
    districtName: row.agreement.districtName,
  };
  const blocks = agreementBlocks(template.content, parties, row.agreement.additions);
  const text = blocksToText(blocks);
  const sigs = await db.select().from(signatures).where(eq(signatures.agreementId, agreementId)).orderBy(asc(signatures.id));
  return { ...row, template, blocks, text, sha256: await sha256Hex(text), signatures: sigs };
}

export type AgreementDocument = Awaited<ReturnType<typeof loadAgreementDocument>>;

/** An agreement for someone entitled to see it: the school, its district's officers, the city. */
export async function viewAgreement({ db, user, agreementId }: { db: Db; user: SessionUser; agreementId: number }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isSchoolMember(user, doc.school.id) && !isOfficerOf(user, doc.agreement.districtId) && !isCoordinator(user)) throw new AppError('FORBIDDEN');
  return doc;
}

/** The school's agreements, newest first (the first is the one in force or in the making). */
export async function listSchoolAgreements({ db, user, schoolId }: { db: Db; user: SessionUser; schoolId: number }) {
  if (!isSchoolMember(user, schoolId)) throw new AppError('FORBIDDEN');
  return db.select().from(agreements).where(eq(agreements.schoolId, schoolId)).orderBy(desc(agreements.id));
}

import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreements, schools, signatures } from '../../db/schema';
import { AppError } from '../../errors';
import { agreementBlocks, blocksToText } from '../agreement-document';
import { sha256Hex } from '../crypto';
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

import { asc, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { agreements, schools, signatures, templateVersions } from '../../db/schema';
import { AppError } from '../../errors';
import { agreementBlocks, blocksToText } from '../agreement-document';
import { sha256Hex } from '../crypto';
import type { SessionUser } from '../sign-in';

/** Who acts on which agreement: what every agreement verb is given before its own fields. */
export type AgreementAct = { db: Db; user: SessionUser; agreementId: number };

/** What either party sends to sign: who, which agreement, the name typed and the text's hash shown. */
export type SignatureInput = AgreementAct & {
  fullName: string;
  shownSha256: string;
  origin: string;
  now: Date;
};

export const openStatuses = ['draft', 'awaiting', 'returned'] as const;

/** The agreement with everything needed to render it, and the text and hash of that rendering. */
export async function loadAgreementDocument({ db, agreementId }: { db: Db; agreementId: number }) {
  // One round trip: the school, the template and the signatures are found by the agreement's id
  // too. (No join: a batch maps its rows by column name, and the two tables share names.)
  const ofAgreement = (column: SQLiteColumn) =>
    sql`(select ${column} from ${agreements} where ${agreements.id} = ${agreementId})`;
  const [[agreement], [school], [template], sigs] = await db.batch([
    db.select().from(agreements).where(eq(agreements.id, agreementId)).limit(1),
    db
      .select()
      .from(schools)
      .where(eq(schools.id, ofAgreement(agreements.schoolId)))
      .limit(1),
    db
      .select()
      .from(templateVersions)
      .where(eq(templateVersions.version, ofAgreement(agreements.templateVersion)))
      .limit(1),
    db.select().from(signatures).where(eq(signatures.agreementId, agreementId)).orderBy(asc(signatures.id)),
  ]);
  if (!agreement || !school) throw new AppError('NOT_FOUND');
  if (!template) throw new AppError('NO_TEMPLATE');
  const row = { agreement, school };
  const parties = {
    schoolName: row.school.name,
    schoolUnitCode: row.school.schoolUnitCode,
    organizerName: row.school.organizerName,
    organizerOrgNumber: row.school.organizerOrgNumber,
    districtName: row.agreement.districtName,
  };
  const blocks = agreementBlocks(template.content, parties, row.agreement.additions);
  const text = blocksToText(blocks);
  return { ...row, template, blocks, text, sha256: await sha256Hex(text), signatures: sigs };
}

export type AgreementDocument = Awaited<ReturnType<typeof loadAgreementDocument>>;

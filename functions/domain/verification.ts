import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements } from '../db/schema';
import { displayStatus } from './agreement-status';
import { loadAgreementDocument } from './agreements/load-agreement';
import { sha256Hex } from './crypto';
import { stockholmDay } from './time';

/**
 * Checks an agreement by its public verification code: is it valid, and is it unchanged, i.e.
 * does the agreement as rendered today hash to what both parties signed? Names and addresses of
 * the signatories are not shown to the public.
 */
export async function verifyAgreement({ db, code, now }: { db: Db; code: string; now: Date }) {
  const [row] = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.verificationCode, code))
    .limit(1);
  if (!row) return null;
  const doc = await loadAgreementDocument({ db, agreementId: row.id });
  const signed = await Promise.all(
    doc.signatures.map(async (s) => ({
      party: s.party,
      signedAt: s.signedAt,
      sha256: s.documentSha256,
      intact: (await sha256Hex(s.documentText)) === s.documentSha256,
    })),
  );
  const last = (party: 'school' | 'district') => signed.filter((s) => s.party === party).at(-1);
  const school = last('school');
  const district = last('district');
  const unchanged = Boolean(
    school &&
    district &&
    school.intact &&
    district.intact &&
    school.sha256 === doc.sha256 &&
    district.sha256 === doc.sha256,
  );
  return {
    code,
    schoolName: doc.school.name,
    districtName: doc.agreement.districtName,
    templateVersion: doc.agreement.templateVersion,
    status: displayStatus(doc.agreement, stockholmDay(now)),
    validFrom: doc.agreement.validFrom,
    validTo: doc.agreement.validTo,
    sha256: doc.sha256,
    signed: [school, district].filter((s) => s !== undefined),
    unchanged,
  };
}

import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { violates } from '../../db/constraints';
import { agreements, type Agreement, type AgreementAdditions } from '../../db/schema';
import { AppError } from '../../errors';
import { districtInForce } from '../districts';
import { newReference } from '../registration';
import type { SessionUser } from '../sign-in';
import { getCurrentTemplate } from '../templates';
import { iso, stockholmDay } from '../time';
import { commitExpecting, rowExists } from '../transition';
import { openStatuses } from './load-agreement';

type DraftSchool = { id: number; districtId: number; reference: string };

/** The school's agreement in the making, if it has one. */
export async function openAgreementOf(db: Db, schoolId: number) {
  const [open] = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(eq(agreements.schoolId, schoolId), inArray(agreements.status, openStatuses)))
    .limit(1);
  return open ?? null;
}

/**
 * A new draft on the current template, with the school's district in force today (or its
 * successor). A revision starts from the previous text and expects the previous agreement to be
 * unchanged since it was read. The unique index on open agreements lets one draft through however
 * many are started at once; the others get that one.
 */
export async function createDraft(
  db: Db,
  { user, school, previous, now }: { user: SessionUser; school: DraftSchool; previous: Agreement | null; now: Date },
) {
  const template = await getCurrentTemplate({ db });
  if (!template) throw new AppError('NO_TEMPLATE');
  const district = await districtInForce({ db, districtId: school.districtId, day: stockholmDay(now) });
  if (!district) throw new AppError('NOT_FOUND');
  const code = newReference().replace('SVP-', 'SVK-');
  const additions: AgreementAdditions = previous?.additions ?? { sections: {}, meetings: {} };
  const expected = previous
    ? and(
        eq(agreements.id, previous.id),
        eq(agreements.version, previous.version),
        inArray(agreements.status, ['confirmed', 'expired']),
      )
    : undefined;
  try {
    const [inserted] = await commitExpecting(db, {
      now,
      expect: expected ? rowExists(db, agreements, expected) : null,
      refused: 'AGREEMENT_ORDER',
      statements: [
        db
          .insert(agreements)
          .values({
            schoolId: school.id,
            districtId: district.id,
            districtName: district.name,
            templateVersion: template.version,
            revisionOf: previous?.id ?? null,
            status: 'draft',
            additions,
            verificationCode: code,
            createdAt: iso(now),
            updatedAt: iso(now),
          })
          .returning({ id: agreements.id }),
      ],
      events: [
        {
          action: previous ? 'agreement.revision_started' : 'agreement.started',
          subjectType: 'agreement',
          subjectId: code,
          actorUserId: user.userId,
          data: {
            school: school.reference,
            district: district.name,
            template: template.version,
            revisionOf: previous?.verificationCode ?? null,
          },
        },
      ],
    });
    const id = (inserted as { id: number }[] | undefined)?.[0]?.id;
    if (!id) throw new AppError('INTERNAL');
    return { agreementId: id };
  } catch (error) {
    if (!violates(error, 'unique', 'agreements.school_id')) throw error;
    const open = await openAgreementOf(db, school.id);
    if (!open) throw error;
    return { agreementId: open.id };
  }
}

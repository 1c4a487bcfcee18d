import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, districts, memberships, schools, signatures, users, type Agreement, type AgreementAdditions } from '../db/schema';
import { AppError } from '../errors';
import { messages } from '../messages';
import { additionsSchema } from '../validation/agreement';
import { agreementBlocks, blocksToText } from './agreement-document';
import { commitWithAudit } from './audit';
import { sha256Hex } from './crypto';
import { queueMail } from './mail';
import type { SessionUser } from './sign-in';
import { getCurrentTemplate, getTemplateVersion } from './templates';
import { iso } from './time';
import { newReference } from './registration';

export const openStatuses = ['draft', 'awaiting', 'returned'] as const;

const isMember = (user: SessionUser, schoolId: number, roles = ['principal', 'contact']) =>
  user.memberships.some((m) => m.schoolId === schoolId && roles.includes(m.role));
const isOfficer = (user: SessionUser, districtId: number) => user.memberships.some((m) => m.role === 'officer' && m.districtId === districtId);
const isCoordinator = (user: SessionUser) => user.memberships.some((m) => m.role === 'coordinator');

/** Follows mergers: the district that a new agreement goes to today. */
async function currentDistrictFor(db: Db, districtId: number, today: string) {
  for (let id: number | null = districtId, hops = 0; id !== null && hops < 10; hops += 1) {
    const [d] = await db.select().from(districts).where(eq(districts.id, id)).limit(1);
    if (!d) break;
    if (!d.validTo || d.validTo >= today || !d.successorId) return d;
    id = d.successorId;
  }
  throw new AppError('NOT_FOUND');
}

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
  const blocks = agreementBlocks(
    template.content,
    { schoolName: row.school.name, schoolUnitCode: row.school.schoolUnitCode, organizerName: row.school.organizerName, organizerOrgNumber: row.school.organizerOrgNumber, districtName: row.agreement.districtName },
    row.agreement.additions,
  );
  const text = blocksToText(blocks);
  const sigs = await db.select().from(signatures).where(eq(signatures.agreementId, agreementId)).orderBy(asc(signatures.id));
  return { ...row, template, blocks, text, sha256: await sha256Hex(text), signatures: sigs };
}

export type AgreementDocument = Awaited<ReturnType<typeof loadAgreementDocument>>;

/** An agreement for someone entitled to see it: the school, its district's officers, the city. */
export async function viewAgreement({ db, user, agreementId }: { db: Db; user: SessionUser; agreementId: number }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isMember(user, doc.school.id) && !isOfficer(user, doc.agreement.districtId) && !isCoordinator(user)) throw new AppError('FORBIDDEN');
  return doc;
}

/** The school's agreements, newest first (the first is the one in force or in the making). */
export async function listSchoolAgreements({ db, user, schoolId }: { db: Db; user: SessionUser; schoolId: number }) {
  if (!isMember(user, schoolId)) throw new AppError('FORBIDDEN');
  return db.select().from(agreements).where(eq(agreements.schoolId, schoolId)).orderBy(desc(agreements.id));
}

/** Starts a draft from the current template with the school's district (or its successor). */
export async function startAgreement({ db, user, schoolId, now }: { db: Db; user: SessionUser; schoolId: number; now: Date }) {
  if (!isMember(user, schoolId)) throw new AppError('FORBIDDEN');
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId)).limit(1);
  if (!school) throw new AppError('NOT_FOUND');
  if (school.status !== 'active') throw new AppError('SCHOOL_NOT_VERIFIED');
  const [open] = await db.select({ id: agreements.id }).from(agreements).where(and(eq(agreements.schoolId, schoolId), inArray(agreements.status, openStatuses))).limit(1);
  if (open) return { agreementId: open.id };
  const [previous] = await db.select().from(agreements).where(eq(agreements.schoolId, schoolId)).orderBy(desc(agreements.id)).limit(1);
  return createDraft(db, { user, school, previous: previous ?? null, now });
}

async function createDraft(db: Db, { user, school, previous, now }: { user: SessionUser; school: { id: number; districtId: number; reference: string }; previous: Agreement | null; now: Date }) {
  const template = await getCurrentTemplate({ db });
  if (!template) throw new AppError('NO_TEMPLATE');
  const district = await currentDistrictFor(db, school.districtId, iso(now).slice(0, 10));
  const code = newReference().replace('SVP-', 'SVK-');
  const additions: AgreementAdditions = previous?.additions ?? { sections: {}, meetings: {} };
  await commitWithAudit(db, {
    now,
    statements: [
      db.insert(agreements).values({
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
      }),
    ],
    events: [{ action: previous ? 'agreement.revision_started' : 'agreement.started', subjectType: 'agreement', subjectId: code, actorUserId: user.userId, data: { school: school.reference, district: district.name, template: template.version, revisionOf: previous?.verificationCode ?? null } }],
  });
  const [created] = await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.verificationCode, code)).limit(1);
  return { agreementId: created?.id ?? 0 };
}

/** Saves the school's local additions; a draft or a returned agreement can be changed. */
export async function saveDraft({ db, user, agreementId, values, now }: { db: Db; user: SessionUser; agreementId: number; values: AgreementAdditions; now: Date }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isMember(user, doc.school.id)) throw new AppError('FORBIDDEN');
  if (doc.agreement.status !== 'draft' && doc.agreement.status !== 'returned') throw new AppError('AGREEMENT_ORDER');
  await commitWithAudit(db, {
    now,
    statements: [db.update(agreements).set({ additions: values, updatedAt: iso(now) }).where(eq(agreements.id, agreementId))],
    events: [{ action: 'agreement.draft_saved', subjectType: 'agreement', subjectId: doc.agreement.verificationCode, actorUserId: user.userId }],
  });
}

const guardFailed = (error: unknown) => /NOT NULL constraint failed: signatures\.agreement_id/.test(error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error));

/**
 * The principal signs exactly the agreement they were shown (same SHA-256). The signature row
 * only finds its agreement while it is still unsigned, so a double submit writes one signature.
 */
export async function signAgreement({ db, user, agreementId, fullName, shownSha256, statement, origin, now }: { db: Db; user: SessionUser; agreementId: number; fullName: string; shownSha256: string; statement: string; origin: string; now: Date }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isMember(user, doc.school.id)) throw new AppError('FORBIDDEN');
  if (!isMember(user, doc.school.id, ['principal'])) throw new AppError('PRINCIPAL_ONLY');
  if (doc.agreement.status === 'awaiting' && doc.signatures.some((s) => s.party === 'school' && s.documentSha256 === shownSha256 && s.userId === user.userId)) return; // The same signature, submitted twice.
  if (doc.agreement.status !== 'draft' && doc.agreement.status !== 'returned') throw new AppError('AGREEMENT_ORDER');
  if (!additionsSchema(doc.template.content, { complete: true }).safeParse(flatten(doc.agreement.additions)).success) throw new AppError('VALIDATION');
  if (shownSha256 !== doc.sha256) throw new AppError('DOCUMENT_CHANGED');
  const unsigned = sql`(select ${agreements.id} from ${agreements} where ${agreements.id} = ${agreementId} and ${agreements.status} in ('draft', 'returned') and ${agreements.updatedAt} = ${doc.agreement.updatedAt})`;
  const inbox = `${origin}/stadsdel/inkorg`;
  const officers = await db.select({ email: users.email }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(and(eq(memberships.role, 'officer'), eq(memberships.districtId, doc.agreement.districtId)));
  try {
    await commitWithAudit(db, {
      now,
      statements: [
        db.insert(signatures).values({ agreementId: unsigned, party: 'school', userId: user.userId, email: user.email, fullName, statement, signedAt: iso(now), documentSha256: doc.sha256, documentText: doc.text }),
        db.update(agreements).set({ status: 'awaiting', signedAt: iso(now), returnComment: null }).where(eq(agreements.id, agreementId)),
        ...officers.map((o) => queueMail(db, { to: o.email, subject: messages.mail.signedSubject(doc.school.name), body: messages.mail.signedBody(doc.school.name, inbox), links: [inbox] }, now)),
      ],
      events: [{ action: 'agreement.signed', subjectType: 'agreement', subjectId: doc.agreement.verificationCode, actorUserId: user.userId, data: { sha256: doc.sha256, email: user.email } }],
    });
  } catch (error) {
    if (guardFailed(error)) return signAgreement({ db, user, agreementId, fullName, shownSha256, statement, origin, now });
    throw error;
  }
}

const flatten = (a: AgreementAdditions) => ({
  ...Object.fromEntries(Object.entries(a.sections).map(([k, v]) => [`section.${k}`, v])),
  ...Object.fromEntries(Object.entries(a.meetings).map(([k, v]) => [`meeting.${k}`, v])),
});

/**
 * The district countersigns what the school signed. Only an officer of the agreement's own
 * district, only after the school has signed, and only once however many press at once.
 */
export async function confirmSignOff({ db, user, agreementId, fullName, shownSha256, statement, origin, now }: { db: Db; user: SessionUser; agreementId: number; fullName: string; shownSha256: string; statement: string; origin: string; now: Date }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isOfficer(user, doc.agreement.districtId)) throw new AppError('FORBIDDEN');
  if (doc.agreement.status === 'confirmed') throw new AppError('ALREADY_CONFIRMED');
  if (doc.agreement.status !== 'awaiting') throw new AppError('NOT_SIGNED_BY_SCHOOL');
  const schoolSignature = doc.signatures.filter((s) => s.party === 'school').at(-1);
  if (!schoolSignature || schoolSignature.documentSha256 !== doc.sha256 || shownSha256 !== doc.sha256) throw new AppError('DOCUMENT_CHANGED');
  const validFrom = iso(now).slice(0, 10);
  const validTo = new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate() - 1)).toISOString().slice(0, 10);
  const awaiting = sql`(select ${agreements.id} from ${agreements} where ${agreements.id} = ${agreementId} and ${agreements.status} = 'awaiting')`;
  const link = `${origin}/skola/overenskommelse`;
  try {
    await commitWithAudit(db, {
      now,
      statements: [
        db.insert(signatures).values({ agreementId: awaiting, party: 'district', userId: user.userId, email: user.email, fullName, statement, signedAt: iso(now), documentSha256: doc.sha256, documentText: doc.text }),
        db.update(agreements).set({ status: 'confirmed', confirmedAt: iso(now), validFrom, validTo }).where(eq(agreements.id, agreementId)),
        ...(doc.agreement.revisionOf ? [db.update(agreements).set({ status: 'replaced' }).where(eq(agreements.id, doc.agreement.revisionOf))] : []),
        ...[...new Set([doc.school.contactEmail, doc.school.principalEmail])].map((to) =>
          queueMail(db, { to, subject: messages.mail.confirmedSubject, body: messages.mail.confirmedBody(doc.school.name, doc.agreement.districtName, validTo, link), links: [link] }, now),
        ),
      ],
      events: [{ action: 'agreement.confirmed', subjectType: 'agreement', subjectId: doc.agreement.verificationCode, actorUserId: user.userId, data: { sha256: doc.sha256, email: user.email, validTo } }],
    });
  } catch (error) {
    if (guardFailed(error)) throw new AppError('ALREADY_CONFIRMED', { cause: error });
    throw error;
  }
  return { validTo };
}

/** The district sends the agreement back to the school with a comment, to change and sign again. */
export async function returnAgreement({ db, user, agreementId, comment, origin, now }: { db: Db; user: SessionUser; agreementId: number; comment: string; origin: string; now: Date }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isOfficer(user, doc.agreement.districtId)) throw new AppError('FORBIDDEN');
  if (doc.agreement.status !== 'awaiting') throw new AppError(doc.agreement.status === 'confirmed' ? 'ALREADY_CONFIRMED' : 'NOT_SIGNED_BY_SCHOOL');
  const link = `${origin}/skola/overenskommelse`;
  const [changed] = await commitWithAudit(db, {
    now,
    statements: [
      db.update(agreements).set({ status: 'returned', returnComment: comment, updatedAt: iso(now) }).where(and(eq(agreements.id, agreementId), eq(agreements.status, 'awaiting'))).returning({ id: agreements.id }),
      ...[...new Set([doc.school.contactEmail, doc.school.principalEmail])].map((to) =>
        queueMail(db, { to, subject: messages.mail.returnedSubject, body: messages.mail.returnedBody(doc.school.name, doc.agreement.districtName, comment, link), links: [link] }, now),
      ),
    ],
    events: [{ action: 'agreement.returned', subjectType: 'agreement', subjectId: doc.agreement.verificationCode, actorUserId: user.userId, data: { comment } }],
  });
  return { changed };
}

/** Revising starts a new version from a confirmed or expired agreement; the old one stays readable. */
export async function reviseAgreement({ db, user, agreementId, now }: { db: Db; user: SessionUser; agreementId: number; now: Date }) {
  const doc = await loadAgreementDocument({ db, agreementId });
  if (!isMember(user, doc.school.id)) throw new AppError('FORBIDDEN');
  if (doc.agreement.status !== 'confirmed' && doc.agreement.status !== 'expired') throw new AppError('AGREEMENT_ORDER');
  const [open] = await db.select({ id: agreements.id }).from(agreements).where(and(eq(agreements.schoolId, doc.school.id), inArray(agreements.status, openStatuses))).limit(1);
  if (open) return { agreementId: open.id };
  return createDraft(db, { user, school: doc.school, previous: doc.agreement, now });
}

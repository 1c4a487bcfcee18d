import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreements } from '../../db/schema';
import { getTemplateVersion } from '../templates';
import type { AgreementDocument } from './load-agreement';

export type RevisionChange = { heading: string; before: string; after: string };

/**
 * What a revision changes in the agreement it replaces: the template version, and each local
 * addition or meeting note whose text differs. Null for an agreement that is not a revision.
 */
export async function revisionChanges({ db, doc }: { db: Db; doc: AgreementDocument }) {
  if (!doc.agreement.revisionOf) return null;
  const [previous] = await db.select().from(agreements).where(eq(agreements.id, doc.agreement.revisionOf)).limit(1);
  if (!previous) return null;
  const before = await getTemplateVersion({ db, version: previous.templateVersion });
  const t = doc.template.content;
  const heading = (id: string) =>
    t.sections.find((s) => s.id === id)?.heading ?? before?.content.sections.find((s) => s.id === id)?.heading ?? id;
  const area = (id: string) =>
    t.meetings.find((m) => m.id === id)?.area ?? before?.content.meetings.find((m) => m.id === id)?.area ?? id;
  const changes: RevisionChange[] = [];
  const sections = new Set([
    ...Object.keys(previous.additions.sections),
    ...Object.keys(doc.agreement.additions.sections),
  ]);
  for (const id of sections) {
    const [was, is] = [previous.additions.sections[id] ?? '', doc.agreement.additions.sections[id] ?? ''];
    if (was !== is) changes.push({ heading: heading(id), before: was, after: is });
  }
  const meetings = new Set([
    ...Object.keys(previous.additions.meetings),
    ...Object.keys(doc.agreement.additions.meetings),
  ]);
  for (const id of meetings) {
    const [was, is] = [previous.additions.meetings[id] ?? '', doc.agreement.additions.meetings[id] ?? ''];
    if (was !== is)
      changes.push({ heading: `Lokal plan för ${area(id).toLocaleLowerCase('sv')}`, before: was, after: is });
  }
  return {
    previous: {
      id: previous.id,
      verificationCode: previous.verificationCode,
      templateVersion: previous.templateVersion,
      validTo: previous.validTo,
      status: previous.status,
    },
    templateChanged: previous.templateVersion !== doc.agreement.templateVersion,
    templateVersion: doc.agreement.templateVersion,
    changes,
  };
}

export type RevisionSummary = NonNullable<Awaited<ReturnType<typeof revisionChanges>>>;

import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agreements, schools, templateVersions } from '../db/schema';
import { violates } from '../db/constraints';
import { AppError } from '../errors';
import { messages } from '../messages';
import type { TemplateContent } from '../validation/template';
import { blocksToText, templateBlocks } from './agreement-document';
import { commitWithAudit } from './audit';
import { sha256Hex } from './crypto';
import { queueMail } from './mail';
import { iso, stockholmDayPlus } from './time';
import { portalRules } from '../config/rules';

export const reSignDays = portalRules.reSignDays;

export async function getCurrentTemplate({ db }: { db: Db }) {
  const [current] = await db.select().from(templateVersions).orderBy(desc(templateVersions.version)).limit(1);
  return current ?? null;
}

export async function getTemplateVersion({ db, version }: { db: Db; version: number }) {
  const [row] = await db.select().from(templateVersions).where(eq(templateVersions.version, version)).limit(1);
  return row ?? null;
}

export async function listTemplateVersions({ db }: { db: Db }) {
  return db
    .select({
      version: templateVersions.version,
      title: templateVersions.title,
      publishedAt: templateVersions.publishedAt,
      sha256: templateVersions.sha256,
      reSignBy: templateVersions.reSignBy,
    })
    .from(templateVersions)
    .orderBy(desc(templateVersions.version));
}

/**
 * Publishes a template version from the content collection. Published versions never change:
 * a version number can be published once, and only above the current one. Every school with a
 * valid agreement on an older version is asked to re-sign by a deadline.
 */
export async function publishTemplate({
  db,
  content,
  actorUserId,
  now,
  origin,
}: {
  db: Db;
  content: TemplateContent;
  actorUserId: number | null;
  now: Date;
  origin: string;
}) {
  const current = await getCurrentTemplate({ db });
  if (current && content.version <= current.version) throw new AppError('TEMPLATE_PUBLISHED');
  const canonicalText = blocksToText(templateBlocks(content));
  const reSignBy = current ? stockholmDayPlus(now, reSignDays) : null;
  const affected = current
    ? await db
        .select({
          id: agreements.id,
          name: schools.name,
          contactEmail: schools.contactEmail,
          principalEmail: schools.principalEmail,
        })
        .from(agreements)
        .innerJoin(schools, eq(schools.id, agreements.schoolId))
        .where(and(eq(agreements.status, 'confirmed'), lt(agreements.templateVersion, content.version)))
    : [];
  const link = `${origin}/skola/overenskommelse`;
  await commitWithAudit(db, {
    now,
    statements: [
      // Two coordinators publishing the same version at once: the unique version lets one through.
      db.insert(templateVersions).values({
        version: content.version,
        title: content.title,
        content,
        canonicalText,
        sha256: await sha256Hex(canonicalText),
        publishedAt: iso(now),
        publishedBy: actorUserId,
        reSignBy,
      }),
      ...(reSignBy && affected.length > 0
        ? [
            db
              .update(agreements)
              .set({ reSignBy })
              .where(and(eq(agreements.status, 'confirmed'), lt(agreements.templateVersion, content.version))),
          ]
        : []),
      ...affected.flatMap((a) =>
        [...new Set([a.contactEmail, a.principalEmail])].map((to) =>
          queueMail(
            db,
            {
              to,
              subject: messages.mail.newTemplateSubject,
              body: messages.mail.newTemplateBody(a.name, content.version, reSignBy ?? '', link),
              links: [link],
            },
            now,
          ),
        ),
      ),
    ],
    events: [
      {
        action: 'template.published',
        subjectType: 'template',
        subjectId: content.version,
        actorUserId,
        data: { reSignBy, schoolsAsked: affected.length },
      },
    ],
  }).catch((error: unknown) => {
    throw violates(error, 'unique', 'template_versions.version')
      ? new AppError('TEMPLATE_PUBLISHED', { cause: error })
      : error;
  });
}

import type { Db } from './client';
import { getCurrentTemplate, publishTemplate } from '../domain/templates';
import type { TemplateContent } from '../validation/template';

/** A fresh database gets the newest template version from the content collection, once. */
export async function seedTemplate({
  db,
  templates,
  now = new Date(),
}: {
  db: Db;
  templates: TemplateContent[];
  now?: Date;
}) {
  if (await getCurrentTemplate({ db })) return;
  const newest = [...templates].sort((a, b) => b.version - a.version)[0];
  if (newest) await publishTemplate({ db, content: newest, actorUserId: null, now, origin: '' });
}

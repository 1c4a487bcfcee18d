import { z } from 'zod';
import { templateContentSchema, type TemplateContent } from '../validation/template';

/** Where the build writes every template version from content/overenskommelse, as JSON. */
export const contentTemplatesPath = '/overenskommelse/mallar.json';

export const parseContentTemplates = (json: unknown): TemplateContent[] => z.array(templateContentSchema).parse(json);

/** The template versions in the content collection, read from the built static assets. */
export async function loadContentTemplates(assets: Fetcher, base: string): Promise<TemplateContent[]> {
  const res = await assets.fetch(new URL(contentTemplatesPath, base));
  if (!res.ok) throw new Error(`${contentTemplatesPath}: ${res.status}`);
  return parseContentTemplates(await res.json());
}

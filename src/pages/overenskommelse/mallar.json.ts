import type { APIRoute } from 'astro';
import { templateContentSchema } from '../../../functions/validation/template';
import { getTemplates } from '../../lib/content';

// Every template version in content/overenskommelse, as the data that gets published to D1.
export const GET: APIRoute = async () =>
  Response.json((await getTemplates()).map((t) => templateContentSchema.parse(t.data)));

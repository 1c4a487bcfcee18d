import type { APIRoute } from 'astro';
import { getSearchDocuments } from '../../lib/content';

// The searchable documents, built once at build time; the Pagefind index is made from this file.
export const GET: APIRoute = async () => Response.json(await getSearchDocuments());

import { indexDocuments, searchDocuments } from '../../functions/domain/search/search';
import { collectionLabels, audienceLabels } from './labels';
import { getSearchDocuments } from './content';

export const maxQueryLength = 200;

let index: ReturnType<typeof indexDocuments> | undefined;

/** The search index is built on the first query and kept for the life of the isolate. */
async function getIndex() {
  index ??= indexDocuments(await getSearchDocuments());
  return index;
}

const known = (values: string[], labels: Record<string, string>) => values.filter((v) => v in labels);

/** Reads /sok's query string (unknown filter values are ignored) and runs the search. */
export async function runSearch(params: URLSearchParams) {
  const raw = (params.get('q') ?? '').trim();
  const tooLong = raw.length > maxQueryLength;
  const query = tooLong ? '' : raw;
  const filters = {
    collections: known(params.getAll('samling'), collectionLabels),
    audiences: known(params.getAll('malgrupp'), audienceLabels),
  };
  const hits = query ? searchDocuments({ index: await getIndex(), query, filters }) : [];
  return { query: raw, tooLong, filters, hits };
}

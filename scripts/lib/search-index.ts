import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as pagefind from 'pagefind';
import { compoundParts } from '../../functions/domain/search/compounds';
import type { SearchDocument } from '../../functions/domain/search/documents';
import { words } from '../../functions/domain/search/text';
import { root } from './env';

/**
 * Builds the Pagefind index from the same documents the server-side search uses
 * (prerendered to /sok/dokument.json). Pagefind does not find the second half of a compound,
 * so every document also carries the known words its compounds end with.
 */
export async function buildSearchIndex(): Promise<void> {
  const documents: SearchDocument[] = JSON.parse(
    await readFile(resolve(root, 'dist/client/sok/dokument.json'), 'utf8'),
  );
  const vocabulary = new Set(documents.flatMap((d) => words(`${d.title} ${d.text}`)).filter((w) => w.length >= 6));
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'sv' });
  if (!index) throw new Error(`Pagefind: ${errors.join(', ')}`);
  for (const d of documents) {
    const parts = compoundParts(`${d.title} ${d.summary} ${d.text}`, vocabulary);
    const { errors: recordErrors } = await index.addCustomRecord({
      url: d.url,
      language: 'sv',
      content: `${d.title}. ${d.summary} ${d.text} ${parts.join(' ')}`,
      meta: { title: d.title, summary: d.summary },
      filters: { samling: [d.collection], malgrupp: d.audience },
    });
    if (recordErrors.length > 0) throw new Error(`Pagefind ${d.url}: ${recordErrors.join(', ')}`);
  }
  const { errors: writeErrors } = await index.writeFiles({ outputPath: resolve(root, 'dist/client/pagefind') });
  if (writeErrors.length > 0) throw new Error(`Pagefind: ${writeErrors.join(', ')}`);
  await pagefind.close();
  console.log(`Sökindex (Pagefind): ${documents.length} sidor.`);
}

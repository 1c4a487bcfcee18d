import type { SearchDocument, SearchFilters, SearchHit, Segment } from './documents';
import { normalize, queryTerms, stem, words } from './text';

type Indexed = { document: SearchDocument; title: string[]; summary: string[]; text: string[] };

const fieldWeight = { title: 4, summary: 2, text: 1 } as const;
const snippetLength = 180;

/** Pre-tokenises the documents once; the result is reused for every query. */
export function indexDocuments(documents: SearchDocument[]): Indexed[] {
  return documents.map((document) => ({
    document,
    title: words(document.title),
    summary: words(document.summary),
    text: words(document.text),
  }));
}

/**
 * How well one word matches a term: the word itself, an inflection of it, or (for Swedish
 * compounds) the term inside a longer word: "anmälan" in "orosanmälan".
 */
function wordScore(word: string, term: string, root: string): number {
  if (word === term) return 3;
  if (word.startsWith(root)) return 2;
  if (root.length >= 4 && word.includes(root)) return 1.5;
  return 0;
}

function termScore(entry: Indexed, term: string): number {
  const root = stem(term);
  let total = 0;
  for (const field of ['title', 'summary', 'text'] as const) {
    for (const word of entry[field]) total += wordScore(word, term, root) * fieldWeight[field];
  }
  return total;
}

function passes(document: SearchDocument, filters: SearchFilters): boolean {
  if (filters.collections?.length && !filters.collections.includes(document.collection)) return false;
  if (filters.audiences?.length && !document.audience.some((a) => filters.audiences?.includes(a))) return false;
  return true;
}

/** Every term must match (in any form); results best first, then by title. */
export function searchDocuments({
  index,
  query,
  filters = {},
  limit = 50,
}: {
  index: Indexed[];
  query: string;
  filters?: SearchFilters;
  limit?: number;
}): SearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const entry of index) {
    if (!passes(entry.document, filters)) continue;
    const scores = terms.map((term) => termScore(entry, term));
    if (scores.some((s) => s === 0)) continue;
    const score = scores.reduce((a, b) => a + b, 0);
    hits.push({ document: entry.document, score, snippet: snippet(entry.document.text, terms) });
  }
  return hits
    .sort((a, b) => b.score - a.score || a.document.title.localeCompare(b.document.title, 'sv'))
    .slice(0, limit);
}

/** A short excerpt around the first match, with every matching word marked. */
export function snippet(text: string, terms: string[]): Segment[] {
  const lower = normalize(text);
  const roots = terms.map(stem);
  const first = Math.min(...roots.map((r) => lower.indexOf(r)).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
  const start = Number.isFinite(first) ? Math.max(0, text.lastIndexOf(' ', Math.max(0, first - 60)) + 1) : 0;
  const endGuess = Math.min(text.length, start + snippetLength);
  const end = endGuess < text.length ? Math.max(text.indexOf(' ', endGuess), endGuess) : text.length;
  const excerpt = text.slice(start, end);
  const segments: Segment[] = [];
  if (start > 0) segments.push({ text: '… ', match: false });
  for (const part of excerpt.split(/([\p{L}\p{N}]+)/u)) {
    if (part === '') continue;
    const word = normalize(part);
    segments.push({ text: part, match: roots.some((r, i) => wordScore(word, terms[i] ?? r, r) > 0) });
  }
  if (end < text.length) segments.push({ text: ' …', match: false });
  return segments;
}

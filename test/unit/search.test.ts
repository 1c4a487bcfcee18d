import { describe, expect, it } from 'vitest';
import { compoundParts } from '../../functions/domain/search/compounds';
import type { SearchDocument } from '../../functions/domain/search/documents';
import { indexDocuments, searchDocuments, snippet } from '../../functions/domain/search/search';
import { markdownToText, queryTerms, stem } from '../../functions/domain/search/text';

const doc = (url: string, title: string, text: string, extra: Partial<SearchDocument> = {}): SearchDocument => ({
  url,
  title,
  summary: '',
  collection: 'stodmaterial',
  audience: ['skola'],
  text,
  ...extra,
});

const index = indexDocuments([
  doc('/a', 'Återkoppling', 'Skolan gör en orosanmälan till socialtjänsten.'),
  doc('/b', 'Mallen', 'Samverkansöverenskommelsen skrivs under av rektor.', {
    collection: 'overenskommelse',
    audience: ['stadsdel'],
  }),
  doc('/c', 'Överenskommelser', 'Om överenskommelser i allmänhet.'),
  doc('/d', 'Sekretess', 'Sekretess och samtycke.'),
]);
const urls = (query: string, filters = {}) => searchDocuments({ index, query, filters }).map((h) => h.document.url);

describe('server-side search', () => {
  it('finds the second half of a compound', () => {
    expect(urls('anmälan')).toEqual(['/a']);
    expect(urls('överenskommelse')).toContain('/b');
  });

  it('matches inflected forms of the query', () => {
    expect(urls('överenskommelsen')).toEqual(expect.arrayContaining(['/b', '/c']));
    expect(urls('orosanmälningar')).toEqual([]);
  });

  it('ranks a title match above a body match', () => {
    expect(urls('överenskommelse')[0]).toBe('/c');
  });

  it('requires every term and ignores stopwords', () => {
    expect(urls('sekretess och samtycke')).toEqual(['/d']);
    expect(urls('sekretess rektor')).toEqual([]);
  });

  it('filters by collection and audience', () => {
    expect(urls('överenskommelse', { collections: ['overenskommelse'] })).toEqual(['/b']);
    expect(urls('överenskommelse', { audiences: ['skola'] })).toEqual(['/c']);
  });

  it('is case-insensitive for å, ä and ö', () => {
    expect(urls('ÅTERKOPPLING')).toEqual(['/a']);
  });

  it('returns nothing for an empty query', () => {
    expect(urls('   ')).toEqual([]);
  });

  it('marks the matching words in the snippet', () => {
    const marked = snippet('Skolan gör en orosanmälan i dag.', ['anmälan'])
      .filter((s) => s.match)
      .map((s) => s.text);
    expect(marked).toEqual(['orosanmälan']);
  });
});

describe('text helpers', () => {
  it('stems common Swedish endings but keeps short words', () => {
    expect(stem('överenskommelsen')).toBe('överenskommels');
    expect(stem('skolorna')).toBe('skol');
    expect(stem('barn')).toBe('barn');
  });

  it('keeps a stopword query rather than returning nothing', () => {
    expect(queryTerms('och')).toEqual(['och']);
    expect(queryTerms('Sekretess och samtycke')).toEqual(['sekretess', 'samtycke']);
  });

  it('turns Markdown into plain text', () => {
    expect(markdownToText('## Rubrik\n\n- **fet** [länk](/x)\n1. ett')).toBe('Rubrik. fet länk ett');
  });
});

describe('compound parts for the Pagefind index', () => {
  it('adds the known tail of a compound', () => {
    const parts = compoundParts('Samverkansöverenskommelsen och en orosanmälan');
    expect(parts).toEqual(expect.arrayContaining(['överenskommelsen', 'anmälan']));
  });

  it('leaves short and unknown words alone', () => {
    expect(compoundParts('skola barn glasstrut')).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bannedPatterns, glossary } from '../../src/lib/glossary';

// One word for one thing: every content file, every page and component, and the server's messages
// use the glossary's term, never a banned variant. A quotation of a source may keep the source's
// word only when it is marked as a quotation (a Markdown block quote, <blockquote> or <q>).

const filesUnder = (dir: string, ext: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));

const texts = [...filesUnder('content', '.md'), ...filesUnder('src', '.astro'), 'functions/messages.ts'];

/** The text with its marked quotations taken out. */
const withoutQuotations = (text: string) =>
  text
    .replace(/<blockquote[\s\S]*?<\/blockquote>/g, '')
    .replace(/<q[\s>][\s\S]*?<\/q>/g, '')
    .replace(/^\s*>.*$/gm, '');

function bannedIn(text: string): string[] {
  const found: string[] = [];
  for (const { term, pattern } of bannedPatterns) {
    for (const match of withoutQuotations(text).matchAll(pattern)) found.push(`"${match[0]}" (skriv ${term})`);
  }
  return found;
}

describe('one word for one thing', () => {
  it('reads a fair number of files', () => {
    expect(texts.length).toBeGreaterThan(80);
  });

  it.each(texts)('%s uses no banned variant', (file) => {
    expect(bannedIn(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches each variant the glossary lists, in its inflected forms and compounds', () => {
    for (const { avoid } of glossary) {
      for (const word of avoid) expect(bannedIn(`Vi skrev ${word} i går.`), word).toHaveLength(1);
    }
    expect(bannedIn('avtalet, avtalen, samverkansavtalet och Avtal')).toHaveLength(4);
    expect(bannedIn('barn- och ungdomsenhetens mottagningsgrupp')).toHaveLength(1);
    expect(bannedIn('orosanmälning och orosanmälningen')).toHaveLength(2);
  });

  it('leaves the glossary’s own words and the law’s terms alone', () => {
    const words = glossary.map((t) => t.term).join(' ');
    expect(bannedIn(`${words} samverkansöverenskommelsen orosanmälningar mottagningsfunktionen`)).toEqual([]);
    expect(bannedIn('Personuppgiftsbiträdesavtalet och standardavtalsklausuler')).toEqual([]);
  });

  it('lets a marked quotation keep the source’s word', () => {
    expect(bannedIn('> Enligt avtalet ska skolan …\n\nVi skriver överenskommelse.')).toEqual([]);
    expect(bannedIn('Enligt <q>avtalet</q> ska skolan …')).toEqual([]);
    expect(bannedIn('Enligt avtalet ska skolan …')).toHaveLength(1);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

export type Entry = { slug: string; data: Record<string, any>; body: string; raw: string };

/** Reads a content collection straight from content/<name>/*.md (frontmatter and body). */
export function readCollection(name: string): Entry[] {
  const dir = join('content', name);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((file) => {
      const raw = readFileSync(join(dir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(raw);
      if (!match) throw new Error(`${name}/${file} saknar frontmatter`);
      return {
        slug: file.replace(/\.md$/, ''),
        data: yaml.load(match[1] ?? '') as Record<string, any>,
        body: match[2] ?? '',
        raw,
      };
    });
}

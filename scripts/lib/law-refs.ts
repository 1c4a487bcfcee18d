import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { root } from './env';

// The collections whose pages carry law references (see src/content.config.ts).
const collections = ['riktlinjer', 'stodmaterial', 'overenskommelse'] as const;

export type PageLawRef = {
  page: string;
  law: string;
  provision?: string;
  sfs: string;
  url?: string;
  note?: string;
  replacedBy?: { law: string; sfs: string; provision?: string };
  verified?: { on: string; source: string; url?: string };
  unverified?: string;
};

/** Every law reference on every guidance page, read straight from the Markdown frontmatter. */
export function readLawRefs(base = join(root, 'content')): PageLawRef[] {
  return collections.flatMap((collection) =>
    readdirSync(join(base, collection))
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) => {
        const raw = readFileSync(join(base, collection, file), 'utf8');
        const frontmatter = /^---\n([\s\S]*?)\n---/.exec(raw)?.[1] ?? '';
        const data = (yaml.load(frontmatter) ?? {}) as { lawRefs?: Omit<PageLawRef, 'page'>[] };
        const page = `${collection}/${file.replace(/\.md$/, '')}`;
        return (data.lawRefs ?? []).map((ref) => ({ page, ...ref }));
      }),
  );
}

/** One line per reference that could not be checked: page, law, provision and why. */
export function unverifiedReport(refs: PageLawRef[]): string[] {
  return refs
    .filter((r) => r.verified === undefined)
    .map((r) =>
      `${r.page}: ${r.law} ${r.provision ?? ''} (SFS ${r.sfs}) – ${r.unverified ?? 'saknar uppgift om kontroll'}`.replace(
        / {2,}/g,
        ' ',
      ),
    );
}

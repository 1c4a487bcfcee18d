import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLawRefs } from '../../scripts/lib/law-refs';
import { startPortal, type Portal } from '../support/portal';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => portal?.close());

// The agreement template's references are not shown on a page; the guidance pages show theirs.
const refs = readLawRefs().filter((r) => !r.page.startsWith('overenskommelse/'));
const pages = [...new Set(refs.map((r) => r.page))];

describe('the law references as the pages show them', () => {
  it.each(pages)('%s says "kontrollerad" only for a reference that was checked, and links the law', async (page) => {
    const html = await (await portal.fetch(`/${page}/`)).text();
    const items = [...html.matchAll(/<li class="law-ref"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? '');
    const expected = refs.filter((r) => r.page === page);
    expect(items).toHaveLength(expected.length);
    items.forEach((item, i) => {
      const ref = expected[i];
      expect(item).toContain(`href="${ref?.url}"`);
      if (ref?.verified) {
        expect(item).toMatch(new RegExp(`Hänvisningen kontrollerad <time datetime="${ref.verified.on}">`));
        expect(item).not.toContain('inte kunnat kontrolleras');
      } else {
        expect(item).toContain('Hänvisningen har inte kunnat kontrolleras.');
        expect(item).not.toMatch(/kontrollerad/);
      }
    });
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audienceLabels } from '../../src/lib/labels';
import { readsFor, roles } from '../../src/lib/roles';
import { readCollection } from '../support/content';

const guidelines = readCollection('riktlinjer');
const support = readCollection('stodmaterial');
const [worried] = readCollection('vagledning').filter((e) => e.slug === 'orolig-for-ett-barn');
const slugs: Record<string, Set<string>> = {
  riktlinjer: new Set(guidelines.map((e) => e.slug)),
  stodmaterial: new Set(support.map((e) => e.slug)),
  for: new Set(roles.map((r) => r.slug)),
};

/** Whether a portal path leads to a page: a collection entry, a role page or a file under src/pages. */
function exists(href: string): boolean {
  const path = href.replace(/^\//, '').replace(/\/$/, '');
  const [first = '', second, ...rest] = path.split('/');
  if (second && rest.length === 0 && slugs[first]) return slugs[first].has(second);
  const page = join('src/pages', path);
  return path === '' || existsSync(`${page}.astro`) || existsSync(join(page, 'index.astro'));
}

const markdownLinks = (body: string) => [...body.matchAll(/\]\((\/[^)\s]*)\)/g)].map((m) => m[1] ?? '');

describe('the worried teacher’s page', () => {
  const steps: { title: string; text: string[]; links: { href: string; label: string }[] }[] =
    worried?.data['steps'] ?? [];

  it('walks through talk, consult, report, what to write, what happens next and what follows', () => {
    expect(steps.map((s) => s.title)).toEqual([
      'Prata med rektor och elevhälsan',
      'Rådgör med socialtjänsten utan att säga vem barnet är',
      'Gör en orosanmälan till rätt socialtjänst',
      'Skriv det du vet, inte det du tror',
      'Det här händer sedan',
      'Samarbetet fortsätter',
    ]);
    const text = (i: number) => steps[i]?.text.join(' ') ?? '';
    expect(text(0)).toMatch(/elevhälsan/);
    expect(text(1)).toMatch(/utan att säga barnets namn/);
    expect(text(2)).toMatch(/folkbokfört/);
    expect(text(2)).toMatch(/annan kommun/);
    expect(text(2)).toMatch(/Socialjouren i Stockholm/);
    expect(text(2)).toMatch(/Portalen tar inte emot orosanmälningar/);
    expect(text(3)).toMatch(/egna ord/);
    expect(text(4)).toMatch(/inletts, inte har inletts eller redan pågår/);
  });

  it.each(steps.map((s) => [s.title, s]))('step “%s” links only to pages that exist', (_title, step) => {
    expect(step.links.length).toBeGreaterThan(0);
    for (const link of step.links) expect(exists(link.href), link.href).toBe(true);
  });

  it('leads to the support pages on secrecy, investigation, feedback and the districts', () => {
    const hrefs = steps.flatMap((s) => s.links.map((l) => l.href));
    for (const href of [
      '/stodmaterial/sekretess/',
      '/stodmaterial/utredningsansvar/',
      '/stodmaterial/aterkoppling-orosanmalan/',
      '/riktlinjer/tva-nivaer/',
      '/stadsdelar/',
    ]) {
      expect(hrefs).toContain(href);
    }
  });

  // What a reader sees: the lead, the body and the steps (the sources name a motion by its number).
  const shown = [
    worried?.data['summary'],
    worried?.body,
    ...steps.flatMap((s) => [s.title, ...s.text, ...s.links.map((l) => l.label)]),
  ].join(' ');

  it('cites no law sections and invents no phone numbers', () => {
    expect(shown).not.toMatch(/§|\bkap\.|\d{4}:\d+/);
    expect(shown).not.toMatch(/\d{2,3}[- ]\d{2,3}[ -]?\d{2}/);
  });

  it('is written in Swedish with å, ä and ö', () => {
    expect(shown).toMatch(/[åäö]/);
    expect(shown).not.toMatch(/oro(s)?anmalan|socialtjanst|forvaltning/i);
  });
});

describe('entry pages per role', () => {
  it.each(Object.keys(audienceLabels))('audience “%s” has a role page that lists its pages', (audience) => {
    expect(roles.some((role) => readsFor(role, [audience]))).toBe(true);
  });

  it.each(roles.map((r) => [r.slug, r]))('%s lists pages and has a next step that exists', (_slug, role) => {
    expect(role.slug).toMatch(/^[a-z0-9-]+$/);
    expect([...guidelines, ...support].some((e) => readsFor(role, e.data['audience']))).toBe(true);
    expect(role.next.length).toBeGreaterThan(0);
    for (const step of role.next) expect(exists(step.href), step.href).toBe(true);
  });

  it('sends the principal to registration, teachers to the worried page and officers to sign in', () => {
    const next = (slug: string) => roles.find((r) => r.slug === slug)?.next.map((s) => s.href);
    expect(next('rektor')).toEqual(expect.arrayContaining(['/registrera', '/overenskommelse/']));
    expect(next('larare-och-elevhalsa')).toContain('/orolig-for-ett-barn/');
    expect(next('socialtjanst')).toContain('/logga-in');
    expect(next('stadsdelsforvaltning')).toContain('/logga-in');
  });
});

describe('guidelines', () => {
  it.each(guidelines.map((e) => [e.slug, e]))('%s links only to pages that exist', (_slug, e) => {
    for (const href of markdownLinks(e.body)) expect(exists(href), href).toBe(true);
  });

  it('link to every support page from the list of support areas', () => {
    const areas = guidelines.find((e) => e.slug === 'samverkansomraden');
    const linked = new Set(markdownLinks(areas?.body ?? ''));
    for (const e of support) expect(linked, e.slug).toContain(`/stodmaterial/${e.slug}/`);
  });

  it('link to the support page when they say “läs mer i stödmaterialet”', () => {
    for (const e of guidelines) expect(e.body, e.slug).not.toMatch(/stödmaterialet om \p{L}+[.)]/u);
  });
});

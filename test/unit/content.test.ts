import { describe, expect, it } from 'vitest';
import { readCollection } from '../support/content';

const guidelines = readCollection('riktlinjer');
const support = readCollection('stodmaterial');
const templates = readCollection('overenskommelse');
const decisions = readCollection('historik');
const all = [...guidelines, ...support, ...templates, ...decisions, ...readCollection('sidor')];

// Words the OCR'd seeds lost their å/ä/ö in; portal text must spell them correctly.
const ocrSpellings =
  /\b(overenskommelse\w*|socialtjanst\w*|forvaltning\w*|stodmaterial\w*|stadsdelsnamnd\w*|forskola\w*|oro(s)?anmalan)\b/i;

describe('every content page', () => {
  it.each(all.map((e) => [e.slug, e]))('%s is written in Swedish with å, ä and ö', (_slug, entry) => {
    expect(entry.body + JSON.stringify(entry.data)).toMatch(/[åäö]/);
    // Link targets are ASCII slugs by design (/stodmaterial/…); only the words a reader sees count.
    expect(entry.body.replace(/\]\([^)]*\)/g, ']')).not.toMatch(ocrSpellings);
    expect(entry.raw).not.toMatch(/TODO|lorem ipsum|XXX/i);
    expect(entry.body).not.toMatch(/^# /m); // The page renders the title as the only h1.
  });

  it('has URL-safe slugs', () => {
    for (const e of all) expect(e.slug).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('support material', () => {
  const topics = [
    'sekretess',
    'utredningsansvar',
    'elever-med-insatser',
    'overgangar',
    'trygghetsarbete',
    'korttidstillsyn',
    'elever-med-funktionsnedsattning',
    'ratt-till-utbildning',
    'hedersrelaterat',
    'aterkoppling-orosanmalan',
  ];

  it('covers every topic named in the brief, one page each', () => {
    expect(support.map((e) => e.slug).sort()).toEqual(expect.arrayContaining(topics));
  });

  it.each(support.map((e) => [e.slug, e]))('%s has law references, sources, duties and a review date', (_slug, e) => {
    expect(e.data['summary']).toEqual(expect.any(String));
    expect(e.data['lawRefs'].length).toBeGreaterThan(0);
    for (const ref of e.data['lawRefs']) {
      expect(ref.sfs).toMatch(/^\d{4}:\d+$/);
      expect(ref.verified ?? ref.unverified).toBeDefined();
    }
    expect(e.data['sources'].length).toBeGreaterThan(0);
    expect(e.data['schoolDoes'].length).toBeGreaterThan(0);
    expect(e.data['socialServicesDoes'].length).toBeGreaterThan(0);
    expect(e.data['reviewed']).toBeInstanceOf(Date);
  });

  it('says that a replaced law has been replaced', () => {
    const refs = support.flatMap((e) => e.data['lawRefs']);
    const oldSol = refs.filter((r: { sfs: string }) => r.sfs === '2001:453');
    expect(oldSol.length).toBeGreaterThan(0);
    for (const r of oldSol) expect(r.replacedBy).toBeDefined();
  });
});

describe('guidelines', () => {
  it('cover purpose, levels, forms, areas, preschools, school types, parents and the law', () => {
    expect(guidelines.map((e) => e.slug).sort()).toEqual(
      expect.arrayContaining([
        'syfte',
        'tva-nivaer',
        'samverkansformer',
        'samverkansomraden',
        'forskolan',
        'kommunala-och-fristaende-skolor',
        'foraldrar',
        'lagstod',
      ]),
    );
  });

  it('name all five success factors of the national strategy', () => {
    const text = guidelines.find((e) => e.slug === 'samverkansformer')?.body.toLowerCase() ?? '';
    for (const factor of ['ledning', 'struktur', 'samsyn', 'förtroende', 'kompetens']) expect(text).toContain(factor);
  });
});

describe('the agreement template', () => {
  const [v1] = templates;

  it('is version 1 with sections, meetings, functions and follow-up', () => {
    expect(v1?.data['version']).toBe(1);
    expect(v1?.data['sections'].length).toBeGreaterThanOrEqual(6);
    expect(v1?.data['followUp'].questions.length).toBeGreaterThanOrEqual(3);
  });

  it('only names functions it defines', () => {
    const ids = new Set(v1?.data['requiredFunctions'].map((f: { id: string }) => f.id));
    for (const meeting of v1?.data['meetings'] ?? []) for (const p of meeting.participants) expect(ids).toContain(p);
  });

  it('never takes up individual cases in the general cooperation meeting', () => {
    const general = v1?.data['meetings'].find((m: { id: string }) => m.id === 'samarbete-i-generella-fragor');
    expect(general?.individualCases).toBe(false);
  });
});

describe('history', () => {
  it('holds dated decisions from 2008 to 2016', () => {
    const years = decisions.map((e) => new Date(e.data['date']).getFullYear());
    expect(decisions.length).toBeGreaterThanOrEqual(7);
    expect(Math.min(...years)).toBe(2008);
    expect(Math.max(...years)).toBe(2016);
  });
});

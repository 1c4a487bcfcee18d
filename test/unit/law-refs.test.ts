import { describe, expect, it } from 'vitest';
import { readLawRefs, unverifiedReport, type PageLawRef } from '../../scripts/lib/law-refs';
import { lawRef } from '../../functions/validation/template';
import { readCollection } from '../support/content';

const refs = readLawRefs();
const named = refs.map((r): [string, PageLawRef] => [`${r.page}: ${r.law} ${r.provision ?? ''}`, r]);

describe('law references on the guidance pages', () => {
  it('exist on the support material and the guidelines', () => {
    expect(refs.length).toBeGreaterThan(20);
  });

  it.each(named)('%s is either verified, with date and source, or says why not', (_name, r) => {
    expect((r.verified === undefined) !== (r.unverified === undefined)).toBe(true);
    if (r.verified) {
      expect(r.verified.on).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(r.verified.source.length).toBeGreaterThan(10);
      if (r.verified.url) expect(new URL(r.verified.url).protocol).toBe('https:');
    } else {
      expect(r.unverified?.length).toBeGreaterThan(10);
    }
  });

  it.each(named)('%s links the official text over https', (_name, r) => {
    expect(r.url).toEqual(expect.any(String));
    expect(new URL(r.url ?? '').protocol).toBe('https:');
  });

  it.each(named)('%s does not call itself unchecked when it is marked verified', (_name, r) => {
    if (r.verified)
      expect(`${r.note ?? ''} ${r.replacedBy?.provision ?? ''}`).not.toMatch(
        /inte (har )?kontroller|inte bekräftad|kontrollera /i,
      );
  });

  it('give the new provision for every rule of the old Socialtjänstlag (2001:453)', () => {
    const oldSol = refs.filter((r) => r.sfs === '2001:453');
    expect(oldSol.length).toBeGreaterThan(0);
    for (const r of oldSol) {
      expect(r.replacedBy).toMatchObject({ sfs: '2025:400', provision: expect.stringMatching(/\S/) });
    }
  });

  it('cite the feedback rule and the lex Sarah rules where they stand', () => {
    const provisions = refs.map((r) => `${r.sfs} ${r.provision ?? ''}`);
    expect(provisions).not.toContain('2001:453 14 kap. 1 a §');
    expect(provisions).toContain('2001:453 14 kap. 1 b §');
    expect(provisions).not.toContain('1993:387 24 a §');
    for (const decision of readCollection('historik'))
      expect(decision.data['reference'] ?? '').not.toMatch(/14 kap\. 1 a §/);
  });

  it('cover the school side of secrecy on the secrecy page', () => {
    const secrecy = refs.filter((r) => r.page === 'stodmaterial/sekretess').map((r) => `${r.sfs} ${r.provision ?? ''}`);
    expect(secrecy).toEqual(
      expect.arrayContaining([
        '2009:400 23 kap. 1 §',
        '2009:400 23 kap. 2 §',
        '2009:400 10 kap. 2 §',
        '2009:400 10 kap. 28 §',
        '2009:400 12 kap. 2 §',
      ]),
    );
  });
});

describe('the page text about the law', () => {
  const pages = [
    ...readCollection('riktlinjer'),
    ...readCollection('stodmaterial'),
    ...readCollection('overenskommelse'),
  ];

  it.each(pages.map((p) => [p.slug, p]))('%s claims no check in its body', (_slug, p) => {
    expect(p.body).not.toMatch(/kontrollerad/i);
  });
});

describe('the build report', () => {
  it('lists exactly the unverified references, one line each with page, law and why', () => {
    const lines = unverifiedReport([
      {
        page: 'stodmaterial/x',
        law: 'Socialtjänstlagen',
        provision: '14 kap. 1 §',
        sfs: '2001:453',
        unverified: 'Lagtexten gick inte att läsa.',
      },
      {
        page: 'stodmaterial/y',
        law: 'Skollagen',
        sfs: '2010:800',
        verified: { on: '2026-11', source: 'Skolverket, en sida' },
      },
    ]);
    expect(lines).toEqual([
      'stodmaterial/x: Socialtjänstlagen 14 kap. 1 § (SFS 2001:453) – Lagtexten gick inte att läsa.',
    ]);
  });

  it('matches the references the pages mark unverified', () => {
    expect(unverifiedReport(refs)).toHaveLength(refs.filter((r) => r.unverified !== undefined).length);
  });
});

describe('the law reference schema the build enforces', () => {
  const base = { law: 'Skollagen', provision: '29 kap. 9 §', sfs: '2010:800', url: 'https://www.riksdagen.se/sv/' };
  const verified = { on: '2026-11-30', source: 'Skolverket, en sida om lagen' };

  it('takes a reference that was checked, with a date as precise as it is known', () => {
    for (const on of ['2026', '2026-11', '2026-11-30'])
      expect(lawRef.safeParse({ ...base, verified: { ...verified, on } }).success).toBe(true);
    expect(lawRef.safeParse({ ...base, unverified: 'Lagtexten gick inte att läsa.' }).success).toBe(true);
  });

  it('refuses a reference that claims nothing, or both, about its check', () => {
    expect(lawRef.safeParse(base).success).toBe(false);
    expect(lawRef.safeParse({ ...base, verified, unverified: 'Lagtexten gick inte att läsa.' }).success).toBe(false);
  });

  it('refuses the old bare date, a missing or plain-http link and a made-up day', () => {
    expect(lawRef.safeParse({ law: 'Skollagen', sfs: '2010:800', checked: '2026-11-23', verified }).success).toBe(
      false,
    );
    expect(lawRef.safeParse({ ...base, url: 'http://www.riksdagen.se/', verified }).success).toBe(false);
    expect(lawRef.safeParse({ ...base, verified: { ...verified, on: '2026-13' } }).success).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPartialDate } from '../../src/lib/labels';
import { readCollection as readCollectionSync } from '../support/content';

const page = (name: string) => readFileSync(`content/sidor/${name}.md`, 'utf8').replace(/\s+/g, ' ');

describe('the accessibility statement', () => {
  it('links straight to Digg’s complaint form and says the assessment is a self-assessment and how it was made', () => {
    const text = page('tillganglighet');
    expect(text).toContain('(https://www.digg.se/tdosanmalan)');
    expect(text).toContain('självskattning');
    expect(text).toMatch(/axe/);
    expect(text).toMatch(/Nu Html Checker/);
  });
});

describe('the privacy notice', () => {
  // GDPR Art. 13: each point the notice must give, as the words that carry it.
  it.each([
    ['the controller', 'personuppgiftsansvarig'],
    ['the data-protection officer', 'dataskyddsombud'],
    ['the purposes', 'för att rektor ska kunna logga in'],
    ['the legal basis and its law', 'artikel 6.1 e'],
    ['the supplementary law', '(2018:218)'],
    ['that it is not consent', 'inte på samtycke'],
    ['recipients and processors', 'personuppgiftsbiträde'],
    ['transfers', 'tredje land'],
    ['retention', 'sparas i 90 dagar'],
    ['the right to object', 'invända'],
    ['complaint to IMY', 'Integritetsskyddsmyndigheten (IMY)'],
  ])('names %s', (_what, words) => {
    expect(page('personuppgifter')).toContain(words);
  });
});

describe('history dates', () => {
  // A date on the 1st of a month is usually a month or a year that the sources give without a day:
  // each such entry must say how precise it is, so that the page never invents a day.
  it('say how precise they are when they fall on the first of a month', async () => {
    const { readdirSync } = await import('node:fs');
    const unclear = readdirSync('content/historik')
      .map((file) => [file, readFileSync(`content/historik/${file}`, 'utf8')] as const)
      .filter(([, text]) => /^date: \d{4}-\d{2}-01$/m.test(text) && !/^precision: (day|month|year)$/m.test(text))
      .map(([file]) => file);
    expect(unclear).toEqual([]);
  });
});

describe('source dates', () => {
  // The same rule for the sources listed on every guideline, support, template and guidance page:
  // a document dated the 1st of a month says whether that day is known, so "2010" never shows as
  // "1 januari 2010".
  it('say how precise they are when they fall on the first of a month', () => {
    const unclear = ['riktlinjer', 'stodmaterial', 'overenskommelse', 'historik', 'vagledning', 'svar']
      .flatMap((name) => readCollectionSync(name).map((e) => [`${name}/${e.slug}`, e.data] as const))
      .flatMap(([page, data]) =>
        (data['sources'] as { document: string; date: Date | string; precision?: string }[]).map((s) => ({
          page,
          ...s,
        })),
      )
      .filter((s) => new Date(s.date).getUTCDate() === 1 && !['day', 'month', 'year'].includes(s.precision ?? ''))
      .map((s) => `${s.page}: ${s.document}`);
    expect(unclear).toEqual([]);
  });

  it('give the template’s adoption date as precisely as it is known', () => {
    for (const t of readCollectionSync('overenskommelse')) {
      if (new Date(t.data['adopted']).getUTCDate() === 1)
        expect(t.data['adoptedPrecision'], t.slug).toMatch(/^(day|month|year)$/);
    }
  });

  it('are shown as a month or a year when that is all that is known', () => {
    expect(formatPartialDate(new Date('2009-12-01'), 'month')).toBe('december 2009');
    expect(formatPartialDate(new Date('2010-01-01'), 'year')).toBe('2010');
    expect(formatPartialDate(new Date('2016-09-01'), 'day')).toBe('1 september 2016');
  });
});

describe('the answer to motion 2016:28', () => {
  const [answer] = readCollectionSync('svar').filter((e) => e.slug === 'motion-2016-28');
  const demands = (answer?.data['demands'] ?? []) as { demand: string; answer: string[]; portalProposal?: boolean }[];

  it('answers each of the motion’s five demands, in the motion’s order', () => {
    expect(demands).toHaveLength(5);
    expect(demands.map((d) => d.demand)).toEqual([
      expect.stringMatching(/stödmaterial/),
      expect.stringMatching(/kontaktperson/),
      expect.stringMatching(/revidera/),
      expect.stringMatching(/fristående skolor/),
      expect.stringMatching(/modell för uppföljning/),
    ]);
  });

  it('says plainly that the follow-up model (demand 5) is the portal’s proposal and not in the sources', () => {
    expect(demands.map((d) => d.portalProposal ?? false)).toEqual([false, false, false, false, true]);
    const fifth = demands[4]?.answer.join(' ') ?? '';
    expect(fifth).toContain('portalens eget förslag');
    expect(fifth).toContain('finns inte i källorna');
  });

  it('is linked from the motion’s history entry and the footer', () => {
    expect(readFileSync('content/historik/2016-motion-2016-28.md', 'utf8')).toContain('](/om/motion-2016-28/)');
    expect(readFileSync('src/components/SiteFooter.astro', 'utf8')).toContain('href="/om/motion-2016-28/"');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

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

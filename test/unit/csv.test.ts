import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../functions/domain/csv';

const rows = (text: string) => {
  const result = parseCsv(text);
  if ('error' in result) throw new Error(`line ${result.error.line}`);
  return result.rows;
};

describe('reading CSV', () => {
  it('takes ";" from a header line that has more of them than ","', () => {
    expect(rows('a;b,c\n1;2,3')).toEqual([
      { line: 1, cells: ['a', 'b,c'] },
      { line: 2, cells: ['1', '2,3'] },
    ]);
  });

  it('takes "," when the header line has more of those', () => {
    expect(rows('a,b,c\n1,2;x,3')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '2;x', '3'] },
    ]);
  });

  it('drops a byte-order mark, reads CRLF, LF and CR, trims cells and skips blank lines', () => {
    expect(rows('\uFEFFa;b\r\n\r\n 1 ; 2 \r\n  ;  \n3;4\r5;6\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 5, cells: ['3', '4'] },
      { line: 6, cells: ['5', '6'] },
    ]);
  });

  it('reads quoted cells with separators, "" escapes and line breaks, and numbers rows by the line they start on', () => {
    expect(rows('a;b\n"x;y";"say ""hi"""\n"two\r\nlines";z\nlast;row')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x;y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
      { line: 5, cells: ['last', 'row'] },
    ]);
  });

  it('keeps rows with too few or too many cells for the caller to report', () => {
    expect(rows('a;b;c\n1\n1;2;3;4').map((r) => r.cells.length)).toEqual([3, 1, 4]);
  });

  it('reports the line where a quote is never closed', () => {
    expect(parseCsv('a;b\n1;2\n"open;3\n4;5')).toEqual({ error: { line: 4 } });
  });
});

describe('writing CSV', () => {
  it('writes a header, quotes text, leaves numbers and empty values bare', () => {
    expect(toCsv([{ namn: 'Skola "A"; B', antal: 3, datum: null }])).toBe(
      'namn;antal;datum\r\n"Skola ""A""; B";3;\r\n',
    );
  });

  it.each(['=HYPERLINK("https://evil.example","klicka")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'neutralises a text that starts like a formula: %j',
    (value) => {
      const csv = toCsv([{ namn: value }]);
      expect(csv).toBe(`namn\r\n"'${value.replace(/"/g, '""')}"\r\n`);
    },
  );

  it('leaves other text alone and writes nothing for no rows', () => {
    expect(toCsv([{ namn: 'Skola = bra', e: 'a@b.se' }])).toBe('namn;e\r\n"Skola = bra";"a@b.se"\r\n');
    expect(toCsv([])).toBe('');
  });
});

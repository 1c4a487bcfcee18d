import { CsvError, parse, type Info } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type CsvRow = { line: number; cells: string[] };

/**
 * Reads what Swedish spreadsheets write: ";" or "," as separator (whichever the header line has
 * more of), quoted fields with "" escapes, CRLF, LF or CR, an optional byte-order mark. Returns
 * rows with the line each starts on, cells trimmed, blank rows skipped; or the line where the
 * file stops being CSV (a quote never closed, say).
 */
export function parseCsv(text: string): { rows: CsvRow[] } | { error: { line: number } } {
  // One line break, so that line numbers count as a spreadsheet shows them.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstLine = source.split('\n', 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = count(';') >= count(',') ? ';' : ',';
  let records: { record: string[]; info: Info }[];
  try {
    // With `info`, csv-parse gives each record with its info; its types do not say so.
    records = parse(source, {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) return { error: { line: typeof error['lines'] === 'number' ? error['lines'] : 1 } };
    throw error;
  }
  // csv-parse counts the line a record ends on; a quoted cell may span lines.
  const rows = records.map(({ record, info }) => ({
    line: info.lines - record.join('').split('\n').length + 1,
    cells: record.map((c) => c.trim()),
  }));
  return { rows: rows.filter((r) => r.cells.some((c) => c !== '')) };
}

/**
 * CSV as a spreadsheet expects it: ";" separated, every text quoted, a header line. A text that
 * begins with = + - @, tab or carriage return gets a leading ' so no spreadsheet runs it as a
 * formula (OWASP, CSV injection); numbers are left as numbers.
 */
export function toCsv(rows: Record<string, string | number | null>[]): string {
  const [first] = rows;
  if (!first) return '';
  const columns = Object.keys(first);
  const options = { delimiter: ';', record_delimiter: '\r\n' } as const;
  return (
    stringify([columns], options) + stringify(rows, { ...options, columns, quoted_string: true, escape_formulas: true })
  );
}

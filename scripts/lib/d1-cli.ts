import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtConfig } from './env';
import { captureTool } from './run';

// A D1 binding for scripts that reaches the database through `wrangler d1 execute`, the one way
// to a remote D1 without running a Worker: reads run at once, every write batch becomes one SQL
// file (which wrangler runs in one transaction, locally as a batch, remotely as an import). The
// same code serves `--local` (the local D1 in a state directory) and `--remote`, so the local
// tests run exactly the SQL a deployment would. A dry run collects the write batches and runs none.

export type Target = { remote: true } | { remote: false; persistTo: string };

/** The wrangler arguments that point at the database. */
export const targetArgs = (target: Target) =>
  target.remote ? ['--remote'] : ['--local', '--persist-to', target.persistTo];

/** The command a write batch is run with, as the operator would type it. */
export const executeCommand = (target: Target, file: string) =>
  `npx wrangler d1 execute DB ${targetArgs(target).join(' ')} --config dist/server/wrangler.json --yes --file ${file}`;

/** A value as an SQLite literal: strings quoted (a quote doubled), blobs in hex, nothing else escaped. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`;
  throw new Error(`Kan inte skriva ${String(value)} som SQL.`);
}

/** A statement with its parameters written in, for a file or `--command` (neither takes parameters). */
export function inline(query: string, params: unknown[]): string {
  let out = '';
  let next = 0;
  let quote: string | null = null;
  for (const char of query) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"' || char === '`') {
      quote = char;
    } else if (char === '?') {
      if (next >= params.length) throw new Error(`För få parametrar till: ${query}`);
      out += literal(params[next++]);
      continue;
    }
    out += char;
  }
  if (next !== params.length) throw new Error(`För många parametrar till: ${query}`);
  return out;
}

const isRead = (query: string) => /^\s*(select|with)\b/i.test(query);
const ok = { success: true, meta: {} };

class Statement {
  constructor(
    private readonly d1: CliD1,
    private readonly query: string,
    private readonly params: unknown[] = [],
  ) {}
  bind(...params: unknown[]) {
    return new Statement(this.d1, this.query, params);
  }
  text() {
    return inline(this.query, this.params);
  }
  private rows() {
    if (!isRead(this.query)) throw new Error(`Skrivningar går i en batch: ${this.query}`);
    return this.d1.read(this.text());
  }
  async all() {
    return { results: this.rows(), ...ok };
  }
  async raw() {
    return this.rows().map((row) => Object.values(row));
  }
  async first(column?: string) {
    const [row] = this.rows();
    return row === undefined ? null : column ? row[column] : row;
  }
  async run() {
    this.d1.write([this.text()]);
    return { results: [], ...ok };
  }
}

export class CliD1 {
  /** Every write batch, as run (or, in a dry run, as it would be run). */
  readonly batches: string[][] = [];

  constructor(
    private readonly target: Target,
    private readonly dryRun: boolean,
  ) {}

  prepare(query: string) {
    return new Statement(this, query);
  }

  async batch(statements: Statement[]) {
    this.write(statements.map((s) => s.text()));
    return statements.map(() => ({ results: [], ...ok }));
  }

  /**
   * Rows of one query. In a dry run the tables the pending migrations make are not there yet:
   * a missing table reads as empty, as it will be once they have run (and so does wrangler's own
   * table of applied migrations before the first).
   */
  read(query: string, missingIsEmpty = this.dryRun): Record<string, unknown>[] {
    try {
      const [result] = JSON.parse(this.wrangler(['--command', query])) as { results: Record<string, unknown>[] }[];
      return result?.results ?? [];
    } catch (error) {
      if (missingIsEmpty && /no such table/.test(String(error))) return [];
      throw error;
    }
  }

  write(statements: string[]) {
    this.batches.push(statements);
    if (this.dryRun) return;
    const dir = mkdtempSync(join(tmpdir(), 'd1-batch-'));
    try {
      const file = join(dir, 'batch.sql');
      writeFileSync(file, statements.map((s) => `${s};\n`).join(''));
      this.wrangler(['--file', file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  private wrangler(input: string[]) {
    return captureTool('wrangler', [
      'd1',
      'execute',
      'DB',
      ...targetArgs(this.target),
      '--config',
      builtConfig,
      '--json',
      '--yes',
      ...input,
    ]);
  }
}

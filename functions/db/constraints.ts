/**
 * The constraint a failed write violated, from SQLite's error (D1 wraps it in its own message and
 * cause). Named CHECK constraints report their name; UNIQUE ones report "table.column[, …]", or
 * "index 'name'" for an index on expressions.
 */
export function violatedConstraint(error: unknown): { kind: 'unique' | 'check' | 'not-null'; name: string } | null {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error);
  const match = /(UNIQUE|CHECK|NOT NULL) constraint failed: (?:index '(\w+)'|([\w.]+(?:, [\w.]+)*))/.exec(text);
  if (!match) return null;
  const kind = match[1] === 'UNIQUE' ? 'unique' : match[1] === 'CHECK' ? 'check' : 'not-null';
  return { kind, name: (match[2] ?? match[3]) as string };
}

export const violates = (error: unknown, kind: 'unique' | 'check' | 'not-null', name: string) => {
  const found = violatedConstraint(error);
  return found?.kind === kind && found.name === name;
};

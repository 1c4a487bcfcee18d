import { expect, it } from 'vitest';
import { inline, literal } from '../../scripts/lib/d1-cli';

// `npm run deploy:prepare` writes the parameters into the SQL it hands to `wrangler d1 execute`
// (which takes none): every value must arrive as itself, whatever it holds.

it('quotes strings by doubling quotes, and writes numbers, booleans, null and blobs as SQLite literals', () => {
  expect(literal("O'Brien; drop table users; --")).toBe("'O''Brien; drop table users; --'");
  expect(literal('rad 1\nrad 2 ?')).toBe("'rad 1\nrad 2 ?'");
  expect([
    literal(42),
    literal(-1.5),
    literal(10n),
    literal(true),
    literal(false),
    literal(null),
    literal(undefined),
  ]).toEqual(['42', '-1.5', '10', '1', '0', 'NULL', 'NULL']);
  expect(literal(new Uint8Array([0, 255]))).toBe("X'00ff'");
  expect(() => literal(Number.NaN)).toThrow();
  expect(() => literal({})).toThrow();
});

it('fills the placeholders in order and leaves question marks inside quotes alone', () => {
  expect(inline(`select "a?" from "t" where x = ? and y = '?' and z = ?`, ["it's", 2])).toBe(
    `select "a?" from "t" where x = 'it''s' and y = '?' and z = 2`,
  );
  expect(() => inline('select ?', [])).toThrow();
  expect(() => inline('select 1', [1])).toThrow();
});

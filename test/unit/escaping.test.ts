import { describe, expect, it } from 'vitest';
import { unescaped } from '../support/hostile';

// The hostile-input tests lean on this check, so it is tested itself.
describe('finding markup that came back unescaped', () => {
  const value = '<script>alert(1)</script>';

  it('finds a value in the text or among the tags', () => {
    expect(unescaped(`<p>${value}</p>`, [value])).toEqual([value]);
    expect(unescaped(`<p title=x>${value}`, [value])).toEqual([value]);
  });

  it('lets a value be inside a double-quoted attribute, where it cannot become markup', () => {
    expect(unescaped(`<input value="${value}">`, [value])).toEqual([]);
  });

  it('finds a value that breaks out of its attribute', () => {
    const breakout = '"><img src=x>';
    expect(unescaped(`<input value="${breakout}">`, [breakout])).toEqual([breakout]);
    expect(unescaped(`<input value="&#34;><img src=x>">`, [breakout])).toEqual([]);
  });

  it('ignores text that cannot be markup', () => {
    expect(unescaped(`<p>' OR 1=1</p>`, [`' OR 1=1`])).toEqual([]);
  });
});

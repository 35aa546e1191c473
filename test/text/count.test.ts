import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/text/count.js';

// The one number formatter every output uses.

describe('formatCount', () => {
  it('groups thousands the same way on every machine, and rounds to whole numbers by default', () => {
    expect([0, 7, 1660, 1_234_567, -1500].map((n) => formatCount(n))).toEqual(['0', '7', '1,660', '1,234,567', '-1,500']);
    expect(formatCount(1659.6)).toBe('1,660');
  });

  it('keeps the decimals asked for, and no trailing zeros', () => {
    expect([0.44, 0.45, 2, 12.25].map((n) => formatCount(n, { decimals: 1 }))).toEqual(['0.4', '0.5', '2', '12.3']);
  });

  it('writes bare figures for tables and the terminal', () => {
    expect(formatCount(1660, { grouping: false })).toBe('1660');
  });
});

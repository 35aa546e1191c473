import { describe, expect, it } from 'vitest';
import { closeMatches, didYouMean, editDistance } from '../../src/text/suggest.js';
import { resolveTimeZone } from '../../src/time/zone.js';
import { checkDay } from '../../src/time/day.js';

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('todya', 'today')).toBe(1);
    expect(editDistance('weak', 'week')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('month', 'month')).toBe(0);
  });
});

describe('closeMatches', () => {
  const sections = ['summary', 'today', 'week', 'month', 'communities', 'analysis', 'full'];
  it('finds typos and prefixes, closest first, and nothing for unrelated words', () => {
    expect(closeMatches('weak', sections)).toEqual(['week']);
    expect(closeMatches('COMM', sections)).toEqual(['communities']);
    expect(closeMatches('LocalLama', ['LocalLLaMA', 'LocalLLM', 'Rag'])).toEqual(['LocalLLaMA', 'LocalLLM']);
    expect(closeMatches('banana', sections)).toEqual([]);
  });
  it('can compare the last part of a path-like name', () => {
    expect(closeMatches('Berln', ['Europe/Berlin', 'Europe/Bern', 'Asia/Tokyo'], { lastSegmentAfter: '/' })).toEqual(['Europe/Berlin', 'Europe/Bern']);
  });
  it('words the suggestion', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' Did you mean "a", "b" or "c"?');
  });
});

describe('resolveTimeZone', () => {
  it('matches case-insensitively to the canonical spelling, and knows UTC', () => {
    expect(resolveTimeZone('europe/BERLIN')).toEqual({ ok: true, zone: 'Europe/Berlin' });
    expect(resolveTimeZone('utc')).toEqual({ ok: true, zone: 'UTC' });
    expect(resolveTimeZone('Europe/Berln')).toEqual({ ok: false, suggestions: ['Europe/Berlin'] });
  });
});

describe('checkDay', () => {
  it('accepts real days only', () => {
    expect(checkDay('2024-02-29')).toEqual({ ok: true, day: '2024-02-29' });
    expect(checkDay('2026-02-29')).toEqual({ ok: false, reason: 'calendar' });
    expect(checkDay('2026-2-28')).toEqual({ ok: false, reason: 'format' });
  });
});

import { describe, expect, it } from 'vitest';
import { offlineAnalysis } from '../../src/analysis/analyze.js';
import { chartData } from '../../src/analysis/chart-data.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { MovementLedger, movementOf, movementWords, type MovementVerdict } from '../../src/analysis/movement.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { syntheticWeek } from '../helpers/synthetic-week.js';

// One rule for "rising", "fading" and "new", from a real base, shared by the analysis, the chart's ▲ and
// the week comparison; and one report never says both of one topic.

const real = { basePosts: 4, baseShare: 0.2 };

describe('movementOf', () => {
  it('says "new" when the base is zero, never "rising"', () => {
    expect(movementOf({ recent: 106, base: 0, basePosts: 0, baseShare: 0 })).toBe('new');
    expect(movementOf({ recent: 0, base: 0, basePosts: 0, baseShare: 0 })).toBeUndefined();
  });

  it('says nothing on a thin base: one post, a sliver of the attention, or days that were never stored', () => {
    expect(movementOf({ recent: 1_500, base: 33, basePosts: 1, baseShare: 0.3 })).toBeUndefined();
    expect(movementOf({ recent: 1_500, base: 33, basePosts: 3, baseShare: 0.01 })).toBeUndefined();
    expect(movementOf({ recent: 1_500, base: 33, ...real, baseKnown: false })).toBeUndefined();
  });

  it('from a real base: rising at 1.5 times it, fading at half of it, steady between', () => {
    expect(movementOf({ recent: 150, base: 100, ...real })).toBe('rising');
    expect(movementOf({ recent: 149, base: 100, ...real })).toBe('steady');
    expect(movementOf({ recent: 51, base: 100, ...real })).toBe('steady');
    expect(movementOf({ recent: 50, base: 100, ...real })).toBe('fading');
    expect(movementOf({ recent: 0, base: 100, ...real })).toBe('fading');
  });
});

describe('MovementLedger', () => {
  it('refuses a verdict that contradicts one already given on the same topic, whatever its name', () => {
    const ledger = new MovementLedger();
    expect(ledger.claim({ topic: 'Humanoids', movement: 'fading', scale: 'day' })).toBe(true);
    expect(ledger.claim({ topic: 'Humanoid', movement: 'rising', scale: 'month' })).toBe(false);
    expect(ledger.claim({ topic: 'Humanoids', movement: 'new', scale: 'month' })).toBe(false);
    // Products of one company are one topic: Opus fading, Claude rising is both.
    expect(ledger.claim({ topic: 'Opus', movement: 'fading', scale: 'day' })).toBe(true);
    expect(ledger.claim({ topic: 'Claude', movement: 'rising', scale: 'month' })).toBe(false);
    // Same direction, or another topic: fine.
    expect(ledger.claim({ topic: 'Humanoids', movement: 'fading', scale: 'month' })).toBe(true);
    expect(ledger.claim({ topic: 'Seedance', movement: 'rising', scale: 'day' })).toBe(true);
    expect(ledger.entries().map((v) => `${v.topic}:${v.movement}`)).toEqual(['Humanoids:fading', 'Opus:fading', 'Seedance:rising']);
    expect([...movementWords('Claude Opus 4.6')]).toEqual(['anthropic']);
  });
});

/** Every verdict a comparison and its analysis give, as topic word → directions. */
function directions(verdicts: MovementVerdict[]): Map<string, Set<string>> {
  const by = new Map<string, Set<string>>();
  for (const v of verdicts) for (const word of movementWords(v.topic)) by.set(word, new Set([...(by.get(word) ?? []), v.movement === 'fading' ? 'down' : v.movement === 'steady' ? 'none' : 'up']));
  return by;
}

describe('on the bundled sample', () => {
  const { now, posts } = loadSample();
  const report = buildReport(posts, now);
  const comparison = compareWithHistory(report, []);

  it('no topic is both rising and fading: Humanoids faded today, so the month does not call it rising', () => {
    for (const [word, ways] of directions(comparison.movements)) expect(ways.has('up') && ways.has('down'), word).toBe(false);
    expect(comparison.movements).toContainEqual({ topic: 'Humanoids', movement: 'fading', scale: 'day' });
    const analysis = offlineAnalysis({ report, details: {}, comparison, language: 'en' });
    const monthly = analysis.sections.monthly.map((c) => c.text).join(' ');
    expect(monthly).not.toMatch(/Humanoid/);
    expect(monthly).not.toMatch(/^Rising/m);
    expect(analysis.movements).toEqual(comparison.movements);
  });

  it('the chart marks nothing ▲ without stored days: RAG’s 106 points against an average of 0 is no rise', () => {
    const chart = chartData(report, [])!;
    expect(chart.series.filter((s) => s.rising)).toEqual([]);
    expect(chart.altText).toContain('Too few days are stored to say which topic is rising.');
  });
});

describe('on a stored week', () => {
  const week = syntheticWeek();

  it('the chart marks the topics that rose from a real base, and not one the analysis calls fading', () => {
    const chart = chartData(week.report, week.history)!;
    expect(chart.series.filter((s) => s.rising).map((s) => s.name).sort()).toEqual(['Kimi', 'Seedance']);
    const said: MovementVerdict[] = [{ topic: 'Seedance', movement: 'fading', scale: 'day' }];
    const analysis = { ...offlineAnalysis({ report: week.report, details: {}, comparison: compareWithHistory(week.report, []), language: 'en' }), movements: said };
    const told = chartData({ ...week.report, analysis }, week.history)!;
    expect(told.series.filter((s) => s.rising).map((s) => s.name)).toEqual(['Kimi']);
  });
});

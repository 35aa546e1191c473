import { describe, expect, it } from 'vitest';
import { defaultSubreddits } from '../../src/config.js';
import { offlineAnalysis } from '../../src/analysis/analyze.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { GENERATED_DAYS, generatedWeekReports } from './generated-week.js';
import { meetsPickGoals, pickFigures } from './pick.js';

// The pick's part of `npm run eval`: its figures computed as a reader meets them, and its goals, which the
// raw ranking misses and the pick meets on the sample and on every day of the generated week.

function sampleReport() {
  const { now, posts } = loadSample();
  const report = buildReport(posts, now, [], { mode: 'sample', numbersMissing: false });
  return { ...report, analysis: offlineAnalysis({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' }) };
}

describe('the pick’s figures', () => {
  it('on the sample: the raw ranking misses the goals, the pick meets them', () => {
    const before = pickFigures(sampleReport(), 'before', defaultSubreddits);
    const after = pickFigures(sampleReport(), 'after', defaultSubreddits);
    expect(before).toMatchObject({ largestShare: 0.8, memesTop3: 1, configured: 11 });
    expect(before.accounted).toBeLessThan(11);
    expect(meetsPickGoals(before)).toBe(false);
    expect(after).toMatchObject({ largestShare: 0.4, lowSignalTop5: 0, memesTop3: 0, accounted: 11 });
    expect(meetsPickGoals(after)).toBe(true);
  });

  it('on a generated week of jokes and screenshots, stored day by day: every day meets the goals', async () => {
    const reports = await generatedWeekReports();
    expect(reports).toHaveLength(GENERATED_DAYS);
    // From the second day on, the stored days give each community its usual top points.
    expect(reports[0]!.usualTopPoints).toBeUndefined();
    expect(Object.keys(reports.at(-1)!.usualTopPoints ?? {}).length).toBeGreaterThan(3);
    for (const report of reports) {
      expect(meetsPickGoals(pickFigures(report, 'after', defaultSubreddits)), report.date).toBe(true);
    }
    expect(reports.filter((r) => !meetsPickGoals(pickFigures(r, 'before', defaultSubreddits))).length).toBeGreaterThan(GENERATED_DAYS / 2);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { reportPosts } from '../../src/analysis/report-posts.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { loadSyntheticDay } from '../../src/sample/synthetic-day.js';

// The synthetic day is the one place bodies and comments exist offline: it must load like the sample,
// fill every report section, and never share an id with a real post.

describe('the synthetic day', () => {
  const day = loadSyntheticDay();
  const report = buildReport(day.posts, day.now);

  it('is marked synthetic, with invented ids only', () => {
    expect(day.synthetic).toBe(true);
    expect(day.posts.length).toBeGreaterThan(10);
    for (const post of day.posts) expect(post.id).toMatch(/^synthetic\d+$/);
    const real = new Set(loadSample().posts.map((p) => p.id));
    expect(day.posts.filter((p) => real.has(p.id))).toEqual([]);
  });

  it('fills every section of a report', () => {
    expect(report.sections.today.length).toBe(10);
    expect(report.sections.week.length).toBeGreaterThan(report.sections.today.length);
    expect(report.sections.month.length).toBeGreaterThan(report.sections.week.length - 1);
    expect(report.sections.communities.length).toBeGreaterThanOrEqual(5);
  });

  it('has bodies and scored comments for the posts of the report only', () => {
    const ids = new Set(reportPosts(report).map((p) => p.id));
    const withDetails = Object.values(day.details);
    expect(withDetails.length).toBeGreaterThanOrEqual(10);
    expect(withDetails.filter((d) => d.selftext.length > 0).length).toBeGreaterThanOrEqual(8);
    for (const detail of withDetails) {
      expect(ids.has(detail.id), detail.id).toBe(true);
      expect(detail.topComments.length).toBeGreaterThan(0);
      for (const comment of detail.topComments) expect(comment.score).toBeGreaterThan(0);
    }
  });
});

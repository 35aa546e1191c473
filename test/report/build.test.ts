import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { ago, DAY, ids, makePost, NOW } from '../helpers/posts.js';

describe('buildReport', () => {
  it('dates the report by the UTC day of now and records now as generatedAt', () => {
    const now = new Date('2026-02-11T20:30:00-08:00'); // 2026-02-12T04:30Z
    const report = buildReport([], now);
    expect(report.date).toBe('2026-02-12');
    expect(report.generatedAt).toBe('2026-02-12T04:30:00.000Z');
  });

  it('has no analysis yet, and copies the warnings', () => {
    const warnings = ['r/gone: 404 not found'];
    const report = buildReport([], NOW, warnings);
    expect(report.analysis).toBeNull();
    expect(report.warnings).toEqual(warnings);
    expect(report.warnings).not.toBe(warnings);
    expect(buildReport([], NOW).warnings).toEqual([]);
  });

  it('selects every section with the injected now, not the clock', () => {
    const posts = [makePost({ id: 'fresh' }), makePost({ id: 'lastweek', createdAt: ago(3 * DAY) })];
    const report = buildReport(posts, NOW);
    expect(ids(report.sections.today)).toEqual(['fresh']);
    expect(ids(report.sections.week).sort()).toEqual(['fresh', 'lastweek']);
    // Six days later the same snapshot has nothing for today, and only the fresh post is still this week's.
    const later = buildReport(posts, new Date(NOW.getTime() + 6 * DAY));
    expect(later.sections.today).toEqual([]);
    expect(ids(later.sections.week)).toEqual(['fresh']);
  });
});

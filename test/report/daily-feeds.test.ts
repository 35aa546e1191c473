import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { loadWeekChart } from '../../src/analysis/week-chart.js';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import { DailyReports } from '../../src/report/daily.js';
import type { PostSource } from '../../src/report/source.js';
import type { Store } from '../../src/store/store.js';
import { inventedFigure } from '../helpers/arbitrary-feeds.js';
import { feedsSample, feedsSource } from '../helpers/feeds-day.js';
import { openTempStore } from '../helpers/store.js';

// A day from the public feeds through the real pipeline: collect → build on Reddit's order → offline
// analysis → store; then what every reader gets from the stored report.

let store: Store;
beforeEach(async () => {
  store = await openTempStore();
});
afterEach(() => store.close());

describe('a feeds day through DailyReports', () => {
  it('is built on Reddit’s order, stored with its source, analysed without figures, charted in posts', async () => {
    const { now, posts } = feedsSample();
    const source: PostSource = { mode: 'feeds', collect: async () => ({ posts, warnings: [], source: feedsSource }) };
    const reports = new DailyReports(store, source, [createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } })]);
    const { report } = await reports.get({ now });

    const stored = (await store.reports.get(report.date))!;
    expect(stored.source).toEqual(feedsSource);
    expect(stored.sections.today.map((p) => p.topRank?.day)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(stored.sections.week.map((p) => p.topRank?.week)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(stored.analysis?.source).toBe('offline');
    for (const citation of Object.values(stored.analysis!.citations)) expect(citation).toMatchObject({ score: null, numComments: null });

    const markdown = renderMarkdownReport(stored);
    expect(markdown).not.toMatch(inventedFigure);
    expect(markdown).toContain("#1 in Reddit's top today");
    expect((await loadWeekChart(store, stored))?.unit).toBe('posts');
  });
});

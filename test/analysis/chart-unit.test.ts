import { describe, expect, it } from 'vitest';
import { chartData, chartUnit } from '../../src/analysis/chart-data.js';
import type { HistoryDay } from '../../src/analysis/history.js';
import type { Post, Report } from '../../src/models.js';
import { renderChartText } from '../../src/render/chart-text.js';
import { renderSlackChart } from '../../src/render/slack-chart.js';
import { buildReport } from '../../src/report/build.js';
import { feedsReport, feedsSource } from '../helpers/feeds-day.js';
import { ago, DAY, HOUR, makePost, NOW } from '../helpers/posts.js';

// One unit for the whole week's chart: points only when every post of the 7 days has Reddit's own
// numbers; otherwise posts in the reports' top lists, for every day, and the chart says so.

const day = (date: string, posts: Post[]): HistoryDay => ({ date, snapshot: { date, takenAt: `${date}T08:00:00Z`, posts } });

function apiReport(posts: Post[]): Report {
  return buildReport(posts, NOW, [], { mode: 'api', numbersMissing: false });
}

describe('the chart’s unit', () => {
  it('is points when every post has Reddit’s numbers, and says so', () => {
    const posts = [makePost({ title: 'Qwen3 coder', score: 300, createdAt: ago(DAY + HOUR) }), makePost({ title: 'Qwen3 coder tips', score: 200, createdAt: ago(HOUR) })];
    const chart = chartData(apiReport(posts), [])!;
    expect(chart.unit).toBe('points');
    expect(chart.yLabel).toBe('Points per day');
    expect(chart.series[0]!.values.slice(-2)).toEqual([300, 200]);
  });

  it('counts posts in the top lists on a report from the feeds: title, axis, alt text and a note say so', () => {
    const chart = chartData(feedsReport(), [])!;
    expect(chart.unit).toBe('posts');
    expect(chart.title).toBe('Topic momentum in top-list posts, 7 days');
    expect(chart.yLabel).toBe('Posts in the top lists per day');
    expect(chart.altText).toMatch(/^Line chart: posts in the reports' top lists per day/);
    expect(chart.notes[0]).toBe("Counted in posts that made the reports' top lists, not points: Reddit's public feeds give no points.");
    // Small whole counts: every value is a number of posts.
    for (const series of chart.series) for (const value of series.values) expect(Number.isInteger(value) && value >= 0 && value <= 20).toBe(true);
    expect(renderSlackChart(chart).chart.axis_config.y_label).toBe('Posts in the top lists per day');
    expect(renderChartText(chart)).toContain('(posts in the top lists per day)');
    expect(chart.altText).not.toMatch(/\bpoints? (in|per)\b|\d+ points/);
  });

  it('never mixes units: a stored day from the feeds beside a day from the API makes every day count posts', () => {
    // Today from the API (numbers), two days ago from the feeds (none).
    const today = [makePost({ title: 'Gemma release notes', score: 5000, createdAt: ago(HOUR) })];
    const fromFeeds = [
      makePost({ title: 'Gemma quantised', score: null, numComments: null, topRank: { day: 1 }, createdAt: ago(2 * DAY + HOUR) }),
      makePost({ title: 'Gemma on a laptop', score: null, numComments: null, topRank: { day: 2 }, createdAt: ago(2 * DAY + 2 * HOUR) }),
    ];
    const report = apiReport(today);
    const history = [day('2026-02-09', fromFeeds)];
    expect(chartUnit(report, [...today, ...fromFeeds])).toBe('posts');
    const chart = chartData(report, history)!;
    expect(chart.unit).toBe('posts');
    const gemma = chart.series.find((s) => s.name === 'Gemma')!;
    // One post today (not 5,000 points), two posts two days ago: the same unit on both days.
    expect(gemma.values).toEqual([0, 0, 0, 0, 2, 0, 1]);
    expect(chart.notes[0]).toMatch(/some days of the week come from Reddit's public feeds/);
  });

  it('counts posts when numbers came from an archive later (a count taken at another moment)', () => {
    const posts = [
      makePost({ title: 'Kimi K2 weights', score: 900, numbersFrom: 'archive', createdAt: ago(3 * DAY) }),
      makePost({ title: 'Kimi K2 benchmarks', score: 100, createdAt: ago(HOUR) }),
    ];
    expect(chartData(apiReport(posts), [])!.unit).toBe('posts');
  });

  it('the community chart counts posts too, its averages kept to one decimal rather than rounded to 0', () => {
    const posts = [
      makePost({ title: 'Alpha', subreddit: 'LocalLLaMA', score: null, numComments: null, topRank: { day: 1, week: 1 } }),
      makePost({ title: 'Beta', subreddit: 'singularity', score: null, numComments: null, topRank: { week: 2 }, createdAt: ago(3 * DAY) }),
    ];
    const chart = chartData(buildReport(posts, NOW, [], feedsSource), [])!;
    expect(chart).toMatchObject({ kind: 'community-today', unit: 'posts', yLabel: 'Posts in the top lists', title: 'Top-list posts per community: today vs avg' });
    expect(chart.title.length).toBeLessThanOrEqual(50);
    expect(chart.series.map((s) => s.values)).toEqual([
      [1, 0],
      [0.1, 0.1],
    ]);
  });
});

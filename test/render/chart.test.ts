import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { chartData, type ChartData } from '../../src/analysis/chart-data.js';
import { buildReport } from '../../src/report/build.js';
import { CHART_HEIGHT, CHART_WIDTH, renderChartPng } from '../../src/render/chart-png.js';
import { CHART_TEXT_WIDTH, renderChartText } from '../../src/render/chart-text.js';
import { renderSlackChart } from '../../src/render/slack-chart.js';
import { renderSlack, slackBlockText, slackChartRoom, withSlackChart } from '../../src/render/slack.js';
import { reportReply } from '../../src/reply/report.js';
import { heading, paragraph, type Reply } from '../../src/reply/reply.js';
import { loadSample } from '../../src/sample/sample.js';
import { containsMention } from '../../src/text/mentions.js';
import { chartBlockProblem } from '../fakes/slack/web-api.js';
import { ago, DAY, HOUR, makePost, NOW } from '../helpers/posts.js';
import { feedsReport } from '../helpers/feeds-day.js';
import { syntheticWeek } from '../helpers/synthetic-week.js';

// The chart on each target: the PNG against two golden images (pixel difference, small tolerance for
// anti-aliasing), Slack's native block within its limits, and the terminal's Unicode rendering.
// UPDATE_GOLDEN=1 rewrites the golden files (look at them before committing).

const sample = loadSample();
const sampleChart = chartData(buildReport(sample.posts, sample.now), [])!;
const week = syntheticWeek();
const weekChart = chartData(week.report, week.history)!;
/** The sample day from the public feeds: no points, so the chart counts posts in the top lists. */
const feedsChart = chartData(feedsReport(), [])!;
const barChart = chartData(
  { date: '2026-02-11', generatedAt: NOW.toISOString(), sections: { today: [], week: [makePost({ title: 'Alpha', score: 300 }), makePost({ title: 'Beta', subreddit: 'singularity', score: 90, createdAt: ago(3 * DAY) })], month: [], communities: [] }, analysis: null, warnings: [] },
  [],
)!;

async function pixels(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: context.getImageData(0, 0, image.width, image.height).data };
}

/** The share of pixels that differ visibly (any channel by more than 48 of 255). */
async function difference(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([pixels(a), pixels(b)]);
  expect([x.width, x.height]).toEqual([y.width, y.height]);
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    if ([0, 1, 2, 3].some((c) => Math.abs(x.data[i + c]! - y.data[i + c]!) > 48)) differing++;
  }
  return differing / (x.width * x.height);
}

async function matchesGolden(name: string, png: Buffer): Promise<void> {
  const file = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, png);
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and look at it`).toBe(true);
  expect(await difference(png, readFileSync(file))).toBeLessThan(0.005);
}

describe('the chart PNG', () => {
  it('is 800×400 with an opaque background, well under 150 kB', async () => {
    const png = renderChartPng(weekChart);
    const { width, height, data } = await pixels(png);
    expect([width, height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    // Every pixel opaque: readable on a dark and a light theme alike.
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) throw new Error(`pixel ${(i - 3) / 4} is not opaque`);
    expect(png.length).toBeLessThan(150_000);
  });

  it('matches the golden image of the sample day', async () => {
    await matchesGolden('chart-sample.png', renderChartPng(sampleChart));
  });

  it('matches the golden image of a synthetic week', async () => {
    await matchesGolden('chart-week.png', renderChartPng(weekChart));
  });

  it('matches the golden image of the sample day from the public feeds (posts in the top lists, said in title and axis)', async () => {
    expect(feedsChart.unit).toBe('posts');
    await matchesGolden('chart-feeds.png', renderChartPng(feedsChart));
  });

  it('a different chart differs from the golden image (the comparison can fail)', async () => {
    const moved: ChartData = { ...weekChart, series: weekChart.series.map((s) => ({ ...s, values: [...s.values].reverse() })) };
    expect(await difference(renderChartPng(moved), renderChartPng(weekChart))).toBeGreaterThan(0.005);
  });

  it('draws the bar chart of communities too', async () => {
    expect(barChart.kind).toBe('community-today');
    const { width } = await pixels(renderChartPng(barChart));
    expect(width).toBe(CHART_WIDTH);
  });
});

describe("Slack's native chart block", () => {
  it('is within the documented limits, with the same numbers as the chart data', () => {
    for (const chart of [sampleChart, weekChart, barChart, feedsChart]) {
      const block = renderSlackChart(chart);
      expect(chartBlockProblem(block)).toBeUndefined();
      expect(block.chart.series.map((s) => s.data.map((p) => p.value))).toEqual(chart.series.map((s) => s.values));
    }
    const block = renderSlackChart(weekChart);
    expect(block.chart.type).toBe('line');
    expect(block.chart.axis_config).toMatchObject({ x_label: 'Day (24 hours to 08:00 UTC)', y_label: 'Points per day' });
    expect(block.chart.series.map((s) => s.name)).toEqual(['Humanoids', 'Qwen3', 'Seedance ▲', 'Kimi ▲', 'Gemma']);
    expect(renderSlackChart(barChart).chart.type).toBe('bar');
  });

  it('the fake refuses what Slack would (it can fail)', () => {
    const block = renderSlackChart(weekChart);
    expect(chartBlockProblem({ ...block, title: 'x'.repeat(51) })).toMatch(/title/);
    expect(chartBlockProblem({ ...block, chart: { ...block.chart, series: [...block.chart.series, ...block.chart.series] } })).toMatch(/series/);
  });
});

describe('the terminal chart', () => {
  it('fits 80 columns and shows each topic\'s week and today', () => {
    const text = renderChartText(weekChart);
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(CHART_TEXT_WIDTH);
    expect(text).toContain('Seedance             ▁ ▁ ▂ ▂ ▃ ▅ █  7,530 this week, 3,600 today ▲');
    expect(text).toContain('Kimi                 · · ▂ ▃ ▃ ▃ ▃  4,150 this week, 950 today ▲');
    expect(renderChartText(sampleChart)).toMatch(/Note: No earlier day is stored yet/);
    const bars = renderChartText(barChart);
    expect(bars).toContain('r/LocalLLaMA         ██████████████████████████████ 300 in the last 24 h');
    for (const line of bars.split('\n')) expect([...line].length).toBeLessThanOrEqual(CHART_TEXT_WIDTH);
  });

  it('hostile names stay inert', () => {
    const posts = [makePost({ createdAt: ago(2 * DAY) }), makePost({ createdAt: ago(HOUR) })];
    const chart = chartData({ ...week.report, sections: { today: posts, week: [], month: [], communities: [] } }, [], { topics: () => [{ key: 'x', label: '@everyone <@U1> hi', postIds: posts.map((p) => p.id), score: 1 }] })!;
    expect(containsMention(renderChartText(chart))).toBe(false);
  });
});

describe('Slack: room for the chart in the first message', () => {
  it('a long reply\'s first message keeps room for the block and its notes, within 50 blocks and 12,000 characters', () => {
    const long: Reply = { blocks: [heading('Reddit AI Trend Report - 2026-02-11', 1), ...Array.from({ length: 80 }, (_, i) => paragraph(`Paragraph ${i} `.repeat(12)))], chart: sampleChart };
    // Without the room the first message is full already: the chart could not be added.
    expect(() => withSlackChart(renderSlack(long)[0]!, sampleChart)).toThrow(/no room for the chart/);
    for (const reply of [long, reportReply(buildReport(sample.posts, sample.now), { section: 'full', chart: sampleChart })]) {
      const [first] = renderSlack(reply, slackChartRoom(sampleChart));
      const withChart = withSlackChart(first!, sampleChart);
      expect(withChart.blocks.length).toBeLessThanOrEqual(50);
      expect(withChart.blocks.map(slackBlockText).join('').length).toBeLessThanOrEqual(12_000);
      expect(withChart.blocks.map((b) => b.type).slice(0, 3)).toEqual(['header', 'data_visualization', 'context']);
    }
  });
});

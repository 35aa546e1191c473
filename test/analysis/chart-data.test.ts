import { describe, expect, it } from 'vitest';
import { ALT_TEXT_MAX, CHART_LABEL_MAX, chartData, namesIt, phraseLabel } from '../../src/analysis/chart-data.js';
import type { HistoryDay } from '../../src/analysis/history.js';
import type { Post, Report } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { containsMention } from '../../src/text/mentions.js';
import { ago, DAY, HOUR, makePost, NOW } from '../helpers/posts.js';

// The chart's numbers from a fixed report and stored history: which topics, how many points a day,
// which rose today, and what the reader is told when history is short or missing.

function report(week: Post[], today: Post[] = []): Report {
  return {
    date: '2026-02-11',
    generatedAt: NOW.toISOString(),
    sections: { today, week, month: [], communities: [] },
    analysis: null,
    warnings: [],
  };
}

/** A stored day: its snapshot holds `posts`. */
const day = (date: string, posts: Post[]): HistoryDay => ({ date, snapshot: { date, takenAt: `${date}T08:00:00Z`, posts } });

describe('chartData', () => {
  it('sums each topic\'s points per 24-hour day from the report and the stored snapshots, and marks today\'s movers', () => {
    const todayPosts = [makePost({ title: 'Seedance 2.0 video', score: 900, createdAt: ago(2 * HOUR) }), makePost({ title: 'Seedance clip again', score: 600, createdAt: ago(5 * HOUR) })];
    const week = [
      makePost({ title: 'Kimi K2 weights released', score: 400, createdAt: ago(3 * DAY + HOUR) }),
      makePost({ title: 'Kimi K2 benchmarks', score: 300, createdAt: ago(3 * DAY + 2 * HOUR) }),
      makePost({ title: 'Seedance first look', score: 200, createdAt: ago(4 * DAY + HOUR) }),
      makePost({ title: 'Seedance teaser', score: 150, createdAt: ago(5 * DAY + HOUR) }),
      makePost({ title: 'Kimi tricks', score: 50, createdAt: ago(HOUR) }),
    ];
    // A post only a stored snapshot knows (never in the week's top list) counts on its own day.
    const history = [
      day('2026-02-09', [makePost({ title: 'Kimi K2 on a laptop', score: 120, createdAt: ago(2 * DAY + 3 * HOUR) })]),
      day('2026-02-06', []),
    ];
    const chart = chartData(report(week, todayPosts), history)!;
    expect(chart.kind).toBe('topic-momentum');
    expect(chart.categories).toEqual(['Feb 5', 'Feb 6', 'Feb 7', 'Feb 8', 'Feb 9', 'Feb 10', 'Feb 11']);
    expect(chart.xLabel).toBe('Day (24 hours to 08:00 UTC)');
    expect(chart.yLabel).toBe('Points per day');
    const byName = Object.fromEntries(chart.series.map((s) => [s.name, s]));
    expect(byName.Seedance!.values).toEqual([0, 150, 200, 0, 0, 0, 1500]);
    expect(byName.Kimi!.values).toEqual([0, 0, 0, 700, 120, 0, 50]);
    // Seedance has more attention, so it comes first; only it rose well above its own average today, on a
    // base of two posts and a fair share of the days before.
    expect(chart.series.map((s) => s.name).slice(0, 2)).toEqual(['Seedance', 'Kimi']);
    expect(byName.Seedance!.rising).toBe(true);
    expect(byName.Kimi!.rising).toBe(false);
    expect(chart.series.length).toBeLessThanOrEqual(5);
    expect(chart.daysStored).toBe(3);
    expect(chart.notes).toEqual(['Only 3 of the last 7 days are stored: the other days count only the posts that made this week\'s or this month\'s top lists.']);
    expect(chart.altText).toContain('Rising today: Seedance (1,500 points in the last 24 hours, against an average of 58 a day over the 6 days before).');
    expect(chart.altText).toContain('Week totals: Seedance 1,850, Kimi 870');
    expect(chart.window).toEqual({ from: '2026-02-04T08:00:00.000Z', to: '2026-02-11T08:00:00.000Z' });
  });

  it('a post seen in several places counts once, with the report\'s (newest) score', () => {
    const post = makePost({ title: 'Gemma release notes', score: 500, createdAt: ago(2 * DAY) });
    const older = { ...post, score: 100 };
    const other = makePost({ title: 'Gemma quantised', score: 10, createdAt: ago(3 * DAY) });
    const chart = chartData(report([post, other]), [day('2026-02-10', [older, other]), day('2026-02-09', [older])])!;
    expect(chart.series[0]).toMatchObject({ name: 'Gemma', values: [0, 0, 0, 10, 500, 0, 0] });
  });

  it('with a full week stored, says nothing about missing days', () => {
    const posts = [makePost({ title: 'Qwen3 coder', createdAt: ago(DAY + HOUR) }), makePost({ title: 'Qwen3 coder tips', createdAt: ago(HOUR) })];
    const history = ['2026-02-10', '2026-02-09', '2026-02-08', '2026-02-07', '2026-02-06', '2026-02-05'].map((date) => day(date, []));
    const chart = chartData(report(posts), history)!;
    expect(chart.daysStored).toBe(7);
    expect(chart.notes).toEqual([]);
    expect(chart.altText).not.toContain('stored');
  });

  it('no history at all: drawn from the report\'s lists, with a note saying so', () => {
    const sample = loadSample();
    const chart = chartData(buildReport(sample.posts, sample.now), [])!;
    expect(chart.kind).toBe('topic-momentum');
    expect(chart.daysStored).toBe(1);
    expect(chart.notes[0]).toMatch(/^No earlier day is stored yet/);
    expect(chart.altText).toContain(chart.notes[0]);
    // One series per story: Anthropic, Claude and Opus are one line.
    expect(chart.series.map((s) => s.name)).toEqual(['Anthropic', 'Seedance', 'Humanoids', 'Agent', 'RAG']);
    // The same numbers as the text: Seedance's today value is the sum of its posts in today's list.
    const seedanceToday = buildReport(sample.posts, sample.now).sections.today.filter((p) => /seedance/i.test(p.title)).reduce((sum, p) => sum + p.score!, 0);
    expect(chart.series.find((s) => s.name === 'Seedance')!.values[6]).toBe(seedanceToday);
  });

  it('one topic only: one series', () => {
    const posts = [makePost({ title: 'Mistral medium', createdAt: ago(2 * DAY) }), makePost({ title: 'Mistral large', createdAt: ago(HOUR) }), makePost({ title: 'Unrelated words here', createdAt: ago(HOUR) })];
    const chart = chartData(report(posts), [])!;
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0]!.name).toBe('Mistral');
    expect(chart.altText).toContain('points per day of the top topic');
  });

  it('too little data for momentum (no shared topic, or one day only): communities today against their average', () => {
    const posts = [
      makePost({ title: 'Alpha', subreddit: 'LocalLLaMA', score: 300, createdAt: ago(HOUR) }),
      makePost({ title: 'Beta', subreddit: 'LocalLLaMA', score: 100, createdAt: ago(3 * DAY) }),
      makePost({ title: 'Gamma', subreddit: 'singularity', score: 70, createdAt: ago(2 * HOUR) }),
    ];
    const chart = chartData(report(posts), [])!;
    expect(chart.kind).toBe('community-today');
    expect(chart.categories).toEqual(['r/LocalLLaMA', 'r/singularity']);
    expect(chart.series).toEqual([
      { name: 'Last 24 hours', values: [300, 70], rising: false },
      { name: '7-day daily average', values: [57, 10], rising: false },
    ]);
    expect(chart.altText).toContain('r/LocalLLaMA 300 today, 57 a day on average');
  });

  it('nothing in the 7 days: no chart', () => {
    expect(chartData(report([makePost({ createdAt: ago(9 * DAY) })]), [])).toBeNull();
    expect(chartData(report([]), [])).toBeNull();
  });

  it('hostile labels are neutralised in the labels and in the alt text', () => {
    const posts = [makePost({ createdAt: ago(2 * DAY), score: 10 }), makePost({ createdAt: ago(HOUR), score: 20 })];
    const hostile = ['<!channel> @everyone look', '<@U123> https://evil.example/x', 'www.evil.example'];
    const chart = chartData(report(posts), [], {
      topics: () => hostile.map((label, i) => ({ key: `k${i}`, label, postIds: posts.map((p) => p.id), score: 30 })),
    })!;
    for (const text of [...chart.series.map((s) => s.name), chart.altText]) {
      expect(containsMention(text), text).toBe(false);
      expect(text).not.toMatch(/https?:\/\/|www\./);
    }
    for (const series of chart.series) expect(series.name.length).toBeLessThanOrEqual(CHART_LABEL_MAX);
    // Community names too, in the bar chart.
    const bars = chartData(report([makePost({ subreddit: '@here <!everyone>', createdAt: ago(HOUR) })]), [])!;
    expect(bars.kind).toBe('community-today');
    expect(containsMention(bars.categories.join(' ') + bars.altText)).toBe(false);
  });

  it('series names stay distinct after cutting, and the alt text fits Discord\'s 1,024 characters', () => {
    const posts = [makePost({ createdAt: ago(2 * DAY) }), makePost({ createdAt: ago(HOUR) })];
    const long = 'Averyveryverylongtopicname'.repeat(3);
    const chart = chartData(report(posts), [], { topics: () => [0, 1, 2, 3, 4].map((i) => ({ key: `k${i}`, label: long.repeat(8), postIds: posts.map((p) => p.id), score: 1 })) })!;
    expect(new Set(chart.series.map((s) => s.name)).size).toBe(5);
    expect([...chart.altText].length).toBeLessThanOrEqual(ALT_TEXT_MAX);
  });
});

describe('phraseLabel', () => {
  it('grows a one-word label into the phrase every title writes it in, and only then', () => {
    expect(phraseLabel('Face', ['Hugging Face Is Teasing Something', 'New model on Hugging Face'])).toBe('Hugging Face');
    expect(phraseLabel('Code', ['Claude Code ships hooks', 'I rebuilt my app with Claude Code'])).toBe('Claude Code');
    expect(phraseLabel('Code', ['Claude Code ships hooks', 'Cursor Code review'])).toBe('Code');
    expect(phraseLabel('Agent', ['The Agent era', 'The Agent SDK'])).toBe('Agent');
    expect(phraseLabel('Face', ['face swap in Hugging Facebook'])).toBe('Face');
  });
});

describe('namesIt', () => {
  it('drops only a plain lower-case use of a name inside a sentence-case title', () => {
    expect(namesIt('Seedance 2 pulled as it unexpectedly reconstructs voices accurately from face photos', 'Face')).toBe(false);
    expect(namesIt('Opus 4.6 uncovers 500 zero-day flaws in open-source code', 'Code')).toBe(false);
    expect(namesIt('Hugging Face Is Teasing Something Anthropic Related', 'Face')).toBe(true);
    expect(namesIt('Claude Code just spawned 3 AI agents that talked to each other', 'Code')).toBe(true);
    expect(namesIt('Everyone talks about Clawdbot (openClaw), but not many people', 'Openclaw')).toBe(true);
    expect(namesIt('code review with local models', 'Code')).toBe(true);
    expect(namesIt('my agents keep failing', 'agent')).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareWithHistory, compareWithWeek } from '../../src/analysis/compare.js';
import { loadSample } from '../../src/sample/sample.js';
import { loadSyntheticDay } from '../../src/sample/synthetic-day.js';
import { loadHistory } from '../../src/analysis/history.js';
import { daysBefore } from '../../src/time/day.js';
import { buildReport } from '../../src/report/build.js';
import { openStore, type Store } from '../../src/store/store.js';
import { DAY, HOUR, makePost } from '../helpers/posts.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// The day-to-day comparison is computed from stored days before any model sees it.

let store: Store;
beforeEach(async () => {
  store = await openTempStore('live', tempSqliteUrl('ai-trends-compare-'));
});
afterEach(async () => store.close());

const day1 = new Date('2026-03-01T08:00:00Z');
const day2 = new Date('2026-03-02T08:00:00Z');
const at = (base: Date, hoursAgo: number) => new Date(base.getTime() - hoursAgo * HOUR).toISOString();

// Yesterday: robotics and a Seedance post. Today: Seedance again (persistent), a new Kimi topic
// (emerging), robotics gone (fading); the Seedance post grew.
const seedanceOld = makePost({ id: 'sd1', title: 'Seedance video model stuns', score: 500, numComments: 50, createdAt: at(day1, 3) });
const robotA = makePost({ id: 'rb1', title: 'Humanoid robot folds laundry', score: 400, numComments: 40, createdAt: at(day1, 5) });
const robotB = makePost({ id: 'rb2', title: 'Humanoid robot runs marathon', score: 300, numComments: 30, createdAt: at(day1, 6) });
const seedanceGrown = { ...seedanceOld, score: 900, numComments: 120 };
const seedanceNew = makePost({ id: 'sd2', title: 'Seedance video of spaghetti', score: 800, numComments: 90, createdAt: at(day2, 2) });
const kimiA = makePost({ id: 'km1', title: 'Kimi agent beats benchmark', score: 200, numComments: 60, createdAt: at(day2, 4) });
const kimiB = makePost({ id: 'km2', title: 'Kimi agent open weights', score: 150, numComments: 30, createdAt: at(day2, 5) });

async function storeDay(now: Date, posts: ReturnType<typeof makePost>[]) {
  const report = buildReport(posts, now);
  await store.reports.set(report.date, report);
  await store.snapshots.set(report.date, { date: report.date, takenAt: now.toISOString(), posts });
  return report;
}

describe('comparison with stored days', () => {
  it('with no earlier day stored there is no comparison, only the month by week', async () => {
    const today = buildReport([seedanceNew, kimiA, kimiB], day2);
    const comparison = compareWithHistory(today, await loadHistory(store, today.date));
    expect(comparison.hasHistory).toBe(false);
    expect(comparison.earlierDates).toEqual([]);
    expect(comparison.movers).toEqual([]);
    expect(comparison.newEntrants).toEqual([]);
    expect(comparison.topics).toEqual({ persistent: [], emerging: [], fading: [] });
    expect(comparison.monthly.map((t) => t.label)).toContain('Kimi agent');
  });

  it('finds persistent, emerging and fading topics, movers and new entrants', async () => {
    await storeDay(day1, [seedanceOld, robotA, robotB]);
    const today = buildReport([seedanceGrown, seedanceNew, kimiA, kimiB, { ...robotA, createdAt: at(day2, 30) }], day2);
    const comparison = compareWithHistory(today, await loadHistory(store, today.date));

    expect(comparison.hasHistory).toBe(true);
    expect(comparison.earlierDates).toEqual(['2026-03-01']);
    expect(comparison.topics.persistent.map((t) => t.key)).toContain('seedance video');
    const seedance = comparison.topics.persistent.find((t) => t.key === 'seedance video')!;
    expect(seedance.postIds).toEqual(['sd2']);
    expect(seedance.earlierPostIds).toEqual(['sd1']);
    expect(seedance.earlierDays).toEqual(['2026-03-01']);
    expect(comparison.topics.emerging.map((t) => t.key)).toEqual(['kimi agent']);
    expect(comparison.topics.fading.map((t) => t.key)).toEqual(['humanoid robot']);
    expect(comparison.topics.fading[0]!.earlierPostIds.sort()).toEqual(['rb1', 'rb2']);

    expect(comparison.movers[0]).toEqual({ postId: 'sd1', since: '2026-03-01', scoreThen: 500, scoreNow: 900, commentsThen: 50, commentsNow: 120 });
    expect(comparison.persistentPosts).toEqual([
      { postId: 'rb1', days: 1 },
      { postId: 'sd1', days: 1 },
    ]);
    expect(comparison.newEntrants.sort()).toEqual(['km1', 'km2', 'sd2']);
  });

  it('loads only the stored days of the last 30, newest first', async () => {
    await storeDay(new Date(day2.getTime() - 3 * DAY), [seedanceOld]);
    await storeDay(new Date(day2.getTime() - 31 * DAY), [robotA]);
    await storeDay(day1, [robotB]);
    const history = await loadHistory(store, '2026-03-02');
    expect(history.map((d) => d.date)).toEqual(['2026-03-01', '2026-02-27']);
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});

describe('comparison with the week, from the report alone', () => {
  const titles = (report: ReturnType<typeof buildReport>) => new Map(report.sections.week.concat(report.sections.today).map((p) => [p.id, p.title]));

  it('on the bundled sample: Seedance and Anthropic persist, xAI, MoE and Kimi are new, the humanoid robots faded', async () => {
    const sample = loadSample();
    const report = buildReport(sample.posts, sample.now);
    const comparison = compareWithHistory(report, await loadHistory(store, report.date));
    expect(comparison.basis).toBe('report');
    const { persistent, new: fresh, fading } = comparison.week;
    expect(persistent.map((s) => s.label)).toEqual(['Seedance', 'Anthropic']);
    expect(persistent[0]!.todayPostIds).toEqual(['1r1auy1', '1r0wr5l', '1r0zckw', '1r0yr96']);
    expect(persistent[0]!.weekPostIds).toEqual(['1r09jmy']);
    // The sample's today list holds one Anthropic post, the Hugging Face teaser: it continues the week's
    // Anthropic and Claude Opus posts (aliases of one entity), so it is not counted as new.
    expect(persistent[1]!.todayPostIds).toEqual(['1r0zn8o']);
    expect(persistent[1]!.weekPostIds).toEqual(expect.arrayContaining(['1qvnvid', '1qwrrn7', '1qxdd6n']));
    const t = titles(report);
    // In rank order, the meme last.
    expect(fresh.flatMap((s) => s.todayPostIds).map((id) => t.get(id))).toEqual([
      'Accelerate until everything breaks!',
      'Another cofounder of xAI has resigned making it 2 in the past 48 hours',
      'Train MoE models 12x faster with 30% less memory! (<15GB VRAM)',
      'Kimi is so smart',
      'Banger tweet more relevant than ever',
    ]);
    expect(fading).toEqual([{ label: 'Humanoids', weekPostIds: ['1qxhcbl', '1qy93eo'] }]);
  });

  it('on the synthetic day: one story per entity, however its posts spell it; a shared common word is no story', () => {
    const day = loadSyntheticDay();
    const report = buildReport(day.posts, day.now);
    const { persistent, new: fresh } = compareWithWeek(report);
    const story = (label: string) => persistent.find((s) => s.label === label);
    expect(persistent.map((s) => s.label)).toEqual(['Lumenfold', 'Marlin', 'Brackett Dynamics']);
    // "Quillwork's CEO…" continues the week's "Quillwork teases Marlin 3.1", with the Marlin posts.
    expect(story('Marlin')!.todayPostIds).toEqual(['synthetic01', 'synthetic02', 'synthetic08']);
    expect(story('Lumenfold')!.todayPostIds).toEqual(['synthetic03', 'synthetic04']);
    // "[R] … 7 benchmarks" and "[D] Are benchmark leaderboards still useful?" share only a common word.
    expect(fresh.flatMap((s) => s.todayPostIds)).toContain('synthetic05');
  });

  it('a post of today in the week list is not "the week"; with nothing earlier, every story is new', () => {
    const report = buildReport([seedanceNew, kimiA, kimiB], day2);
    const comparison = compareWithWeek(report);
    expect(comparison.persistent).toEqual([]);
    expect(comparison.fading).toEqual([]);
    expect(comparison.new).toEqual([
      { label: 'Seedance video of spaghetti', todayPostIds: ['sd2'], weekPostIds: [] },
      { label: 'Kimi agent', todayPostIds: ['km1', 'km2'], weekPostIds: [] },
    ]);
  });
});

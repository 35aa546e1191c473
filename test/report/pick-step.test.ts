import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSubreddits } from '../../src/config.js';
import type { Report } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { createPickStep, usualTopPoints } from '../../src/report/pick-step.js';
import { quietCommunities } from '../../src/report/quiet-communities.js';
import { loadSample } from '../../src/sample/sample.js';
import type { Store } from '../../src/store/store.js';
import { daysBefore } from '../../src/time/day.js';
import { feedsReport } from '../helpers/feeds-day.js';
import { DAY, makePost, NOW } from '../helpers/posts.js';
import { openTempStore } from '../helpers/store.js';

// The step that gives the pick what the day's posts do not hold: the configured communities, and each
// community's usual top points over the stored days before.

let store: Store;
beforeEach(async () => {
  store = await openTempStore();
});
afterEach(async () => {
  await store.close();
});

const sampleReport = () => {
  const { now, posts } = loadSample();
  return buildReport(posts, now, [], { mode: 'sample', numbersMissing: false });
};

/** A stored earlier day whose communities had these top scores. */
function earlierDay(daysAgo: number, scores: Record<string, number[]>): Report {
  const now = new Date(NOW.getTime() - daysAgo * DAY);
  const posts = Object.entries(scores).flatMap(([subreddit, list]) => list.map((score, i) => makePost({ id: `${subreddit}${daysAgo}${i}`, subreddit, score, createdAt: new Date(now.getTime() - 3_600_000).toISOString() })));
  return buildReport(posts, now, [], { mode: 'api', numbersMissing: false });
}

describe('createPickStep', () => {
  it('records the configured communities, and names those with nothing today', async () => {
    const report = await createPickStep({ reports: store.reports, communities: defaultSubreddits })(sampleReport(), NOW);
    expect(report.configuredCommunities).toEqual(defaultSubreddits);
    // The four default communities the sample never shows.
    expect(quietCommunities(report)).toEqual(['hackernews', 'LangChain', 'LLMDevs', 'vectordatabase']);
    // No stored day: the day's own top posts stand in, nothing is stored for it.
    expect(report.usualTopPoints).toBeUndefined();
  });

  it('pools each community’s top posts of the stored days before with today’s, as a median', async () => {
    const today = buildReport([makePost({ id: 't1', subreddit: 'A', score: 100 }), makePost({ id: 't2', subreddit: 'B', score: 10 })], NOW, [], { mode: 'api', numbersMissing: false });
    const days: Array<Record<string, number[]>> = [{ A: [1_000, 900, 800] }, { A: [1_100, 950], B: [20] }];
    for (const [i, scores] of days.entries()) {
      const day = earlierDay(i + 1, scores);
      await store.reports.set(daysBefore(today.date, i + 1), day);
    }
    // Older than the week: not counted.
    await store.reports.set(daysBefore(today.date, 9), earlierDay(9, { A: [1] }));
    const stepped = await createPickStep({ reports: store.reports, communities: ['A', 'B'] })(today, NOW);
    // A: 100 today, 1,000, 900, 800, 1,100 and 950 before: the median is 925. B: 10 and 20.
    expect(stepped.usualTopPoints).toEqual({ A: 925, B: 15 });
  });

  it('counts no stored day from the feeds (another unit), and gives a feeds report none', () => {
    const today = sampleReport();
    expect(usualTopPoints(today, [feedsReport()])).toBeUndefined();
    expect(usualTopPoints(feedsReport(), [today])).toBeUndefined();
  });
});

describe('quietCommunities', () => {
  it('matches names case-insensitively, once each, in the configured order', () => {
    const report = { ...sampleReport(), configuredCommunities: ['localllama', 'LangChain', 'langchain', 'hackernews'] };
    expect(quietCommunities(report)).toEqual(['LangChain', 'hackernews']);
    expect(quietCommunities(sampleReport())).toEqual([]);
  });
});

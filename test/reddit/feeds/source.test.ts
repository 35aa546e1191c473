// The public-feeds rung end to end against the fake feeds over HTTP: the plan (3 top feeds, one more per
// community the day feed left out, within the budget), Reddit's ranks in place of numbers, progress, the
// source it reports, and the comment feeds for the analysis (in the budget) and for follow-ups (no wait).
import { afterEach, describe, expect, it } from 'vitest';
import { enrichPosts } from '../../../src/analysis/enrich.js';
import type { Post, CollectProgress } from '../../../src/models.js';
import { RedditError } from '../../../src/reddit/errors.js';
import { FeedsBlockedError } from '../../../src/reddit/feeds/errors.js';
import { defaultDetailLimits } from '../../../src/reddit/post-details.js';
import { buildReport } from '../../../src/report/build.js';
import { openTempStore } from '../../helpers/store.js';
import type { RawPost } from '../../fakes/reddit.js';
import { closeFeeds, feedsHarness, gaps, NOW, planOf, rawPost, rejection } from './helpers.js';

afterEach(closeFeeds);

const DAY = 86_400;
const TOP = '/r/LocalLLaMA+singularity/top/.rss';
const twoCommunities: RawPost[] = [
  rawPost('d1', 'LocalLLaMA', 300),
  rawPost('d2', 'singularity', 500),
  rawPost('d3', 'LocalLLaMA', 100),
  rawPost('w1', 'singularity', 900, 3 * DAY),
  rawPost('m1', 'LocalLLaMA', 2_000, 20 * DAY),
];
const byId = (posts: Post[]) => Object.fromEntries(posts.map((p) => [p.id, p]));

describe('feeds rung: the plan', () => {
  it('reads exactly 3 feeds when every community has a post in the day feed: day, week, month, 100 each, in that order', async () => {
    const h = await feedsHarness({ posts: twoCommunities });
    const { posts, warnings, source } = await h.rung.source.collect(NOW);
    expect(planOf(h.fake.requests)).toEqual([`${TOP}?t=day&limit=100`, `${TOP}?t=week&limit=100`, `${TOP}?t=month&limit=100`]);
    expect(warnings).toEqual([]);
    expect(h.rung.source.mode).toBe('feeds');
    expect(source).toEqual({ mode: 'feeds', requests: 3, elapsedMs: 12_000, numbersMissing: true });
    const found = byId(posts);
    expect(posts.map((p) => p.id)).toEqual(['d2', 'd1', 'd3', 'w1', 'm1']);
    expect(found.d2!.topRank).toEqual({ day: 1, week: 2, month: 3 });
    expect(found.d3!.topRank).toEqual({ day: 3, week: 4, month: 5 });
    expect(found.w1!.topRank).toEqual({ week: 1, month: 2 });
    expect(found.m1!.topRank).toEqual({ month: 1 });
    for (const post of posts) expect([post.score, post.numComments, post.flair]).toEqual([null, null, null]);
  });

  it('adds one request per configured community the day feed left without a post, and ranks those within their community', async () => {
    // 100 posts of the day in LocalLLaMA outrank everything else: the day feed (100 at most) is all theirs.
    const crowd = Array.from({ length: 100 }, (_, i) => rawPost(`c${i}`, 'LocalLLaMA', 10_000 - i));
    const posts = [...crowd, rawPost('s1', 'singularity', 50), rawPost('r1', 'Rag', 40), rawPost('r2', 'Rag', 45), rawPost('old', 'LangChain', 1_000, 10 * DAY)];
    const h = await feedsHarness({ posts }, { subreddits: ['LocalLLaMA', 'singularity', 'rag', 'LangChain'] });
    const collected = await h.rung.source.collect(NOW);
    const multi = '/r/LocalLLaMA+singularity+rag+LangChain/top/.rss';
    expect(planOf(h.fake.requests)).toEqual([
      `${multi}?t=day&limit=100`,
      `${multi}?t=week&limit=100`,
      `${multi}?t=month&limit=100`,
      '/r/singularity/top/.rss?t=day&limit=10',
      '/r/rag/top/.rss?t=day&limit=10',
      '/r/LangChain/top/.rss?t=day&limit=10',
    ]);
    const found = byId(collected.posts);
    expect(found.r2!.topRank).toEqual({ dayInCommunity: 1 });
    expect(found.r2!.subreddit).toBe('Rag');
    expect(found.r1!.topRank).toEqual({ dayInCommunity: 2 });
    expect(found.s1!.topRank).toEqual({ dayInCommunity: 1 });
    // Past the 100 posts of the month feed, and not of the day: LangChain's own day feed was empty.
    expect(found.old).toBeUndefined();
    expect(collected.source.requests).toBe(6);
    expect(collected.warnings).toEqual([]);
  });

  it('keeps to the request budget: communities past it are named in a warning, not read', async () => {
    const crowd = Array.from({ length: 100 }, (_, i) => rawPost(`c${i}`, 'LocalLLaMA', 10_000 - i));
    const h = await feedsHarness({ posts: [...crowd, rawPost('r1', 'Rag', 40)] }, { subreddits: ['LocalLLaMA', 'Rag', 'LangChain', 'LLMDevs'], settings: { maxRequests: 4 } });
    const { warnings, source } = await h.rung.source.collect(NOW);
    expect(h.fake.requests).toHaveLength(4);
    expect(planOf(h.fake.requests)[3]).toBe('/r/Rag/top/.rss?t=day&limit=10');
    expect(source.requests).toBe(4);
    expect(warnings).toEqual([
      "r/LangChain, r/LLMDevs: not read. Reddit's top posts of the day had none of theirs, and the report's 4 requests to the public feeds (REDDIT_FEED_MAX_REQUESTS) were spent",
    ]);
  });

  it('fails when the day feed cannot be read at all (the ladder falls back); a week or month feed failing is a warning', async () => {
    const h = await feedsHarness({ posts: twoCommunities }, { maxRetries: 1 });
    h.fake.inject(TOP, { kind: 'status', status: 500 }, 2);
    const error = await rejection(h.rung.source.collect(NOW));
    expect(error).toBeInstanceOf(RedditError);
    expect((error as RedditError).status).toBe(500);
    expect(h.fake.requests).toHaveLength(2);

    const again = await feedsHarness({ posts: twoCommunities });
    again.fake.inject(`${TOP}?t=week`, { kind: 'malformed' });
    const { posts, warnings } = await again.rung.source.collect(NOW);
    expect(warnings).toEqual(["Reddit's top posts of the week could not be read from the public feeds: Reddit sent an unreadable feed"]);
    expect(byId(posts).d2!.topRank).toEqual({ day: 1, month: 3 });
  });

  it('a block page on the day feed throws FeedsBlockedError after exactly one request; later in the plan it stops the plan with a warning', async () => {
    const h = await feedsHarness({ posts: twoCommunities, blocked: true });
    expect(await rejection(h.rung.source.collect(NOW))).toBeInstanceOf(FeedsBlockedError);
    expect(h.fake.requests).toHaveLength(1);

    const late = await feedsHarness({ posts: twoCommunities });
    late.fake.inject(`${TOP}?t=week`, { kind: 'blocked' });
    const { posts, warnings } = await late.rung.source.collect(NOW);
    expect(late.fake.requests).toHaveLength(2);
    expect(posts.map((p) => p.id)).toEqual(['d2', 'd1', 'd3']);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^Reddit refused this network's requests to its public feeds \(403 block page\)/);
    expect(warnings.join(' ')).not.toMatch(/https?:\/\//);
  });

  it('reports progress: requests done of planned, and every wait with its reason', async () => {
    const h = await feedsHarness({ posts: twoCommunities });
    const seen: CollectProgress[] = [];
    await h.rung.source.collect(NOW, (p) => seen.push(p));
    expect(seen[0]).toEqual({ done: 0, planned: 3 });
    expect(seen).toContainEqual({ done: 1, planned: 3, waitMs: 6_000, why: 'pacing: one request every 6 s at most (REDDIT_FEED_MIN_INTERVAL_MS)' });
    expect(seen.at(-1)).toEqual({ done: 3, planned: 3 });
  });

  it('counts a malformed entry in a warning, and leaves out posts newer than the day asked for', async () => {
    const h = await feedsHarness({ posts: [...twoCommunities, rawPost('BAD-ID', 'LocalLLaMA', 50)] });
    const earlier = new Date(NOW.getTime() - 2 * 3_600_000);
    const { posts, warnings } = await h.rung.source.collect(earlier);
    expect(warnings).toEqual(['1 post(s) from Reddit\'s feeds had missing or malformed fields and were left out (for example "BAD-ID")']);
    expect(posts.map((p) => p.id)).toEqual(['w1', 'm1']);
  });

  it('the posts build a report whose numbers are all missing, not zero', async () => {
    const h = await feedsHarness({ posts: twoCommunities });
    const { posts } = await h.rung.source.collect(NOW);
    const report = buildReport(posts, NOW);
    expect(JSON.stringify(report)).not.toMatch(/"score":\d|"numComments":\d/);
  });
});

describe('feeds rung: comment feeds', () => {
  const comments = { d2: [{ id: 'k1', author: 'alice', body: 'Useful', score: 3 }, { id: 'k2', author: 'AutoModerator', body: 'Rules', score: 9 }] };

  it('reads the comment feed for the analysis inside the report budget, and refuses past it without a request', async () => {
    const h = await feedsHarness({ posts: twoCommunities, comments }, { settings: { maxRequests: 4 } });
    await h.rung.source.collect(NOW);
    const details = await h.rung.details.fetch({ id: 'd2', subreddit: 'singularity' }, NOW);
    expect(details).toEqual({ id: 'd2', selftext: '', topComments: [{ author: 'alice', body: 'Useful', score: null }], fetchedAt: NOW.toISOString() });
    expect(planOf(h.fake.requests)[3]).toBe('/r/singularity/comments/d2/.rss');
    const spent = await rejection(h.rung.details.fetch({ id: 'd1', subreddit: 'LocalLLaMA' }, NOW));
    expect(spent).toBeInstanceOf(RedditError);
    expect(spent.message).toMatch(/report's 4 requests to Reddit's public feeds are spent/);
    expect(h.fake.requests).toHaveLength(4);
  });

  it("the analysis enrichment (3 at a time) goes one request at a time through the pacer, and the budget's end is a warning", async () => {
    const h = await feedsHarness({ posts: twoCommunities, comments }, { settings: { maxRequests: 5 } });
    const { posts } = await h.rung.source.collect(NOW);
    const store = await openTempStore();
    try {
      // Today's selection by rank is not this rung's: the first three posts stand in for it.
      const built = buildReport(posts, NOW);
      const report = { ...built, sections: { ...built.sections, today: posts.slice(0, 3), communities: [] } };
      const enrichment = await enrichPosts({ report, details: h.rung.details, cache: store.postDetails, count: 3, limits: defaultDetailLimits, now: NOW });
      expect(Object.keys(enrichment.details)).toHaveLength(2);
      expect(enrichment.warnings).toHaveLength(1);
      expect(enrichment.warnings[0]).toMatch(/^comments of 1 post\(s\) could not be fetched/);
      expect(h.fake.requests).toHaveLength(5);
      expect(gaps(h.fake.requests)).toEqual([6_000, 6_000, 6_000, 6_000]);
    } finally {
      await store.close();
    }
  });

  it('for a follow-up (another now) it never waits long: too soon after a request, it fails at once without one', async () => {
    const h = await feedsHarness({ posts: twoCommunities, comments });
    await h.rung.source.collect(NOW);
    const asked = new Date(NOW.getTime() + 3_600_000);
    const tooSoon = await rejection(h.rung.details.fetch({ id: 'd2', subreddit: 'singularity' }, asked));
    expect(tooSoon).toBeInstanceOf(RedditError);
    expect(tooSoon.message).toMatch(/^not sent: Reddit's public feeds allow the next request in 6 s \(pacing.*\), too long to wait for an answer/);
    expect(h.fake.requests).toHaveLength(3);
    h.clock.now += 4_500; // 1.5 s to go: within the follow-up's patience
    const details = await h.rung.details.fetch({ id: 'd2', subreddit: 'singularity' }, asked);
    expect(details.topComments).toHaveLength(1);
    expect(h.sleeps.at(-1)).toBe(1_500);
  });

  it('for a follow-up while the report is being built, it fails at once instead of queueing behind the build', async () => {
    const h = await feedsHarness({ posts: twoCommunities, comments });
    const building = h.rung.source.collect(NOW);
    const error = await rejection(h.rung.details.fetch({ id: 'd2', subreddit: 'singularity' }, new Date(NOW.getTime() + 1)));
    expect(error.message).toMatch(/too long to wait for an answer/);
    await building;
    expect(planOf(h.fake.requests).filter((p) => p.includes('/comments/'))).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Post, CollectProgress } from '../../src/models.js';
import { RedditError } from '../../src/reddit/errors.js';
import { apiPostDetails } from '../../src/reddit/post-details.js';
import { LiveSourceError, SourceLadder, type Rung } from '../../src/report/ladder.js';
import { redditSource } from '../../src/report/source.js';
import type { Store } from '../../src/store/store.js';
import { startFakeReddit, type FakeReddit } from '../fakes/reddit.js';
import { clientFor, NOW, rawPost } from '../reddit/helpers.js';
import { openTempStore } from '../helpers/store.js';

// The live rungs by REDDIT_SOURCE: the real API client against the fake Reddit over HTTP, and a feeds rung
// that records its calls (the real one is tested on its own branch; here only the ladder's choices matter).

const now = new Date(NOW * 1000);
let reddit: FakeReddit;
let store: Store;
beforeEach(async () => {
  reddit = await startFakeReddit({ posts: [rawPost('a1', 'LocalLLaMA'), rawPost('b1', 'singularity')], now: NOW });
  store = await openTempStore();
});
afterEach(async () => {
  await reddit.close();
  await store.close();
});

const tokenRequests = () => reddit.requests.filter((r) => r.path === '/api/v1/access_token').length;
const refuseKey = () => reddit.inject('/api/v1/access_token', { kind: 'status', status: 401, body: '{"error": "invalid_client"}' }, 1_000);

function apiRung(): Rung {
  const client = clientFor(reddit, { maxRetries: 0 });
  return { source: redditSource(client, ['LocalLLaMA', 'singularity'], store.subreddits, 2), details: apiPostDetails(client) };
}

const feedPost: Post = { id: 'f1', title: 'From the feed', subreddit: 'LocalLLaMA', score: null, numComments: null, topRank: { day: 1 }, flair: null, createdAt: now.toISOString(), url: 'https://www.reddit.com/comments/f1' };

function feedsRung(fail?: Error) {
  const calls = { collect: 0, details: 0 };
  const rung: Rung = {
    source: {
      mode: 'feeds',
      collect: async (_now, onProgress) => {
        calls.collect++;
        if (fail) throw fail;
        onProgress?.({ done: 1, planned: 3, waitMs: 6_000, why: 'pacing' });
        return { posts: [feedPost], warnings: [], source: { mode: 'feeds', requests: 3, elapsedMs: 12_000, numbersMissing: true } };
      },
    },
    details: {
      fetch: async (post) => {
        calls.details++;
        return { id: post.id, selftext: 'from the comment feed', topComments: [], fetchedAt: now.toISOString() };
      },
    },
  };
  return { rung, calls };
}

describe('REDDIT_SOURCE=auto', () => {
  it('collects from the API when its key works; the feeds are not asked', async () => {
    const feeds = feedsRung();
    const ladder = new SourceLadder({ mode: 'auto', api: apiRung(), feeds: feeds.rung });
    const collected = await ladder.collect(now);
    expect(collected.source.mode).toBe('api');
    expect(collected.posts.map((p) => p.id).sort()).toEqual(['a1', 'b1']);
    expect(feeds.calls.collect).toBe(0);
    expect(ladder.status()).toBeUndefined();
  });

  it('a refused key (401 invalid_client) is said once and remembered: the feeds collect, no token is asked again', async () => {
    refuseKey();
    const feeds = feedsRung();
    const told: string[] = [];
    const ladder = new SourceLadder({ mode: 'auto', api: apiRung(), feeds: feeds.rung, onRefused: (line) => told.push(line), clock: () => now });

    const first = await ladder.collect(now);
    expect(first.source.mode).toBe('feeds');
    expect(first.posts).toEqual([feedPost]);
    expect(first.warnings).toEqual([expect.stringMatching(/^Reddit refused the API credentials REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET \(invalid_client\): these posts come from Reddit's public feeds, without points or comment counts\. To use the API again, renew them at https:\/\/www\.reddit\.com\/prefs\/apps/)]);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET \(invalid_client\): collecting from the public feeds instead.*restart/);
    expect(tokenRequests()).toBe(1);

    const second = await ladder.collect(new Date(now.getTime() + 86_400_000));
    expect(second.source.mode).toBe('feeds');
    expect(second.warnings[0]).toMatch(/REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET/);
    expect(told).toHaveLength(1);
    expect(tokenRequests()).toBe(1);
    expect(feeds.calls.collect).toBe(2);

    // Details (analysis, follow-ups) come from the feeds too, without a token request.
    expect((await ladder.details.fetch({ id: 'a1', subreddit: 'LocalLLaMA' }, now)).selftext).toBe('from the comment feed');
    expect(tokenRequests()).toBe(1);

    expect(ladder.status()).toEqual({
      ok: true,
      detail: expect.stringMatching(/^Reddit refused the API credentials REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET \(invalid_client\) at 2026-02-11T08:00:00\.000Z; reports are collected from the public feeds/),
      fix: expect.stringMatching(/prefs\/apps.*Responsible Builder Policy/),
    });
  });

  it('a key refused first when a follow-up asks for details: the details and then the reports use the feeds', async () => {
    refuseKey();
    const feeds = feedsRung();
    const told: string[] = [];
    const ladder = new SourceLadder({ mode: 'auto', api: apiRung(), feeds: feeds.rung, onRefused: (line) => told.push(line) });
    expect((await ladder.details.fetch({ id: 'a1', subreddit: 'LocalLLaMA' }, now)).selftext).toBe('from the comment feed');
    expect((await ladder.collect(now)).source.mode).toBe('feeds');
    expect([told.length, tokenRequests()]).toEqual([1, 1]);
  });

  it('the API failing for another reason (5xx): the feeds collect this time, with a warning saying why, and the API is tried again next time', async () => {
    reddit.inject('/r/', { kind: 'status', status: 503 }, 1_000);
    const feeds = feedsRung();
    const ladder = new SourceLadder({ mode: 'auto', api: apiRung(), feeds: feeds.rung });
    const collected = await ladder.collect(now);
    expect(collected.source.mode).toBe('feeds');
    expect(collected.warnings).toEqual([expect.stringMatching(/^Reddit's API failed \(.*503.*\): today's posts come from the public feeds instead$/)]);
    expect(ladder.status()).toBeUndefined();
    const listings = reddit.requests.filter((r) => r.path.startsWith('/r/')).length;
    await ladder.collect(now);
    expect(reddit.requests.filter((r) => r.path.startsWith('/r/')).length).toBeGreaterThan(listings);
  });

  it('tells progress with the rung that collects', async () => {
    const seen: CollectProgress[] = [];
    const ladder = new SourceLadder({ mode: 'feeds', feeds: feedsRung().rung });
    await ladder.collect(now, (p) => seen.push(p));
    expect(seen).toEqual([{ done: 1, planned: 3, waitMs: 6_000, why: 'pacing', rung: 'feeds' }]);
  });

  it('every rung failing: one error naming each, with the feed token taken out', async () => {
    refuseKey();
    const blocked = new RedditError('network', 'http://127.0.0.1:9/r/x/top/.rss?feed=s3cretfeedtoken&user=me', 'could not reach Reddit: connect ECONNREFUSED (feed=s3cretfeedtoken)');
    const ladder = new SourceLadder({ mode: 'auto', api: apiRung(), feeds: feedsRung(blocked).rung, secrets: ['s3cretfeedtoken'] });
    const error = await ladder.collect(now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveSourceError);
    const failure = error as LiveSourceError;
    expect(failure.failures).toEqual([
      'Reddit refused the API credentials REDDIT_CLIENT_ID/REDDIT_CLIENT_SECRET (invalid_client)',
      expect.stringMatching(/^Reddit's public feeds could not be reached \(could not reach Reddit: connect ECONNREFUSED/),
    ]);
    expect(failure.message).not.toMatch(/s3cretfeedtoken/);
    expect(failure.cause).toBe(blocked);
  });
});

describe('REDDIT_SOURCE=api and =feeds: one rung', () => {
  it('api: a refused key fails the collection (the fallbacks take over); the feeds are never asked, the token never again', async () => {
    refuseKey();
    const ladder = new SourceLadder({ mode: 'api', api: apiRung() });
    await expect(ladder.collect(now)).rejects.toThrow(/^Reddit refused the API credentials REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET \(invalid_client\)$/);
    await expect(ladder.collect(now)).rejects.toBeInstanceOf(LiveSourceError);
    expect(tokenRequests()).toBe(1);
    expect(ladder.status()?.detail).toMatch(/REDDIT_SOURCE=api: reports fall back to the newest stored day, else the bundled sample/);
  });

  it('feeds: the feeds only, even with working credentials', async () => {
    const feeds = feedsRung();
    const ladder = new SourceLadder({ mode: 'feeds', api: apiRung(), feeds: feeds.rung });
    expect((await ladder.collect(now)).source.mode).toBe('feeds');
    expect(await ladder.details.fetch({ id: 'a1', subreddit: 'LocalLLaMA' }, now)).toMatchObject({ selftext: 'from the comment feed' });
    expect(reddit.requests).toHaveLength(0);
  });

  it('feeds failing in feeds mode: says whether Reddit could not be reached or answered wrong', async () => {
    const answered = new RedditError('http', 'https://www.reddit.com/r/x/top/.rss', 'Reddit answered 500', 500);
    const ladder = new SourceLadder({ mode: 'feeds', feeds: feedsRung(answered).rung });
    await expect(ladder.collect(now)).rejects.toThrow(/^Reddit's public feeds failed \(Reddit answered 500/);
  });
});

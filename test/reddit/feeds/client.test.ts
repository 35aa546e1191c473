// The feeds client against the fake feeds over HTTP: the honest User-Agent, pacing (asserted on the fake's
// recorded arrival times), Reddit's waits, retries, the stop on a block page, redirects, the size cap.
import { afterEach, describe, expect, it } from 'vitest';
import { RedditError } from '../../../src/reddit/errors.js';
import { FeedClient } from '../../../src/reddit/feeds/client.js';
import { FeedsBlockedError } from '../../../src/reddit/feeds/errors.js';
import { closeFeeds, feedsHarness, gaps, rawPost, rejection, UA } from './helpers.js';

afterEach(closeFeeds);

const posts = [rawPost('a1', 'LocalLLaMA', 10), rawPost('b1', 'singularity', 20)];
const TOP = '/r/LocalLLaMA+singularity/top/.rss';

describe('feeds client', () => {
  it('sends the honest User-Agent and asks for Atom; no cookie, no other identity', async () => {
    const h = await feedsHarness({ posts });
    const xml = await h.rung.client.get(TOP, { t: 'day', limit: 100 });
    expect(xml).toContain('<id>t3_b1</id>');
    const [request] = h.fake.requests;
    expect(request).toMatchObject({ path: TOP, query: { t: 'day', limit: '100' } });
    expect(request!.headers['user-agent']).toBe(UA);
    expect(request!.headers.accept).toMatch(/^application\/atom\+xml/);
    expect(request!.headers.cookie).toBeUndefined();
    expect(request!.headers.authorization).toBeUndefined();
  });

  it('never sends two requests closer than the minimum interval (virtual clock), and says why it waits', async () => {
    const h = await feedsHarness({ posts });
    for (let i = 0; i < 3; i++) await h.rung.client.get(TOP, { t: 'day' });
    expect(gaps(h.fake.requests)).toEqual([6_000, 6_000]);
    expect(h.waits).toEqual([
      { ms: 6_000, why: 'pacing: one request every 6 s at most (REDDIT_FEED_MIN_INTERVAL_MS)' },
      { ms: 6_000, why: 'pacing: one request every 6 s at most (REDDIT_FEED_MIN_INTERVAL_MS)' },
    ]);
  });

  it('one request at a time, and spaced on the real clock too, when several callers ask at once', async () => {
    const h = await feedsHarness({ posts, clock: Date.now });
    const client = new FeedClient({ base: h.fake.base, userAgent: UA, timeoutMs: 2_000, maxResponseBytes: 1 << 20, minIntervalMs: 120 });
    // When each request leaves the client: what the pacer controls. (Arrival times at the fake add the
    // loopback's and a loaded machine's delays, which can bunch two requests after they left apart.)
    const sent: number[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      sent.push(Date.now());
      return realFetch(input, init);
    };
    try {
      await client.get(TOP, { t: 'day' });
      await Promise.all([1, 2, 3, 4].map(() => client.get(TOP, { t: 'day' })));
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(h.fake.requests).toHaveLength(5);
    expect(sent).toHaveLength(5);
    // Timers round to the millisecond; closer than the interval never.
    for (const gap of gaps(sent.map((at) => ({ at })))) expect(gap).toBeGreaterThanOrEqual(119);
  });

  it('waits for x-ratelimit-reset when x-ratelimit-remaining reaches 0', async () => {
    const h = await feedsHarness({ posts, perMinute: 2 });
    await h.rung.client.get(TOP, { t: 'day' }); // 08:00:10, 1 left
    await h.rung.client.get(TOP, { t: 'week' }); // 08:00:16, 0 left: resets at 08:01:00
    await h.rung.client.get(TOP, { t: 'month' });
    expect(h.fake.requests.map((r) => r.at - h.fake.requests[0]!.at)).toEqual([0, 6_000, 50_000]);
    expect(h.waits[1]).toEqual({ ms: 44_000, why: "Reddit's feed budget is used up until its window resets (x-ratelimit-reset)" });
    expect(h.fake.requests.every((r) => r.path === TOP)).toBe(true);
  });

  it('honours Retry-After on 429, then retries', async () => {
    const h = await feedsHarness({ posts });
    h.fake.inject('/r/', { kind: 'status', status: 429, retryAfterSeconds: 30 });
    await h.rung.client.get(TOP, { t: 'day' });
    expect(gaps(h.fake.requests)).toEqual([30_000]);
    expect(h.waits[0]!.ms).toBe(30_000);
    expect(h.waits[0]!.why).toMatch(/^retry 1\/3 after Reddit's public feeds answered 429/);
  });

  it('gives up at once when Reddit asks for a wait longer than it accepts', async () => {
    const h = await feedsHarness({ posts }, { maxWaitMs: 60_000 });
    h.fake.inject('/r/', { kind: 'status', status: 429, retryAfterSeconds: 600 });
    const error = await rejection(h.rung.client.get(TOP, { t: 'day' }));
    expect(error.message).toMatch(/allow the next request in 600 s \(retry 1\/3 after Reddit's public feeds answered 429.*longer than we wait \(60 s\)/);
    expect(h.fake.requests).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('retries 5xx with backoff, and gives up after the retries', async () => {
    const h = await feedsHarness({ posts }, { maxRetries: 2, settings: { minIntervalMs: 1_000 } });
    h.fake.inject('/r/', { kind: 'status', status: 503 }, 2);
    await h.rung.client.get(TOP, { t: 'day' });
    // random() = 0.5: half of 1 s, then half of 2 s; the 1 s interval is the larger the first time.
    expect(gaps(h.fake.requests)).toEqual([1_000, 1_000]);
    h.fake.inject('/r/', { kind: 'status', status: 500 }, 3);
    const error = await rejection(h.rung.client.get(TOP, { t: 'day' }));
    expect(error).toBeInstanceOf(RedditError);
    expect((error as RedditError).status).toBe(500);
    expect(h.fake.requests).toHaveLength(6);
  });

  it('a 403 block page stops the feeds at once: the message says what it means, and no request follows', async () => {
    const h = await feedsHarness({ posts, blocked: true });
    const error = await rejection(h.rung.client.get(TOP, { t: 'day' }));
    expect(error).toBeInstanceOf(FeedsBlockedError);
    expect(error.message).toContain(
      "Reddit refused this network's requests to its public feeds (403 block page): common for cloud and VPS addresses. Run the bot from another network, or use approved API keys (REDDIT_CLIENT_ID/SECRET)",
    );
    expect(await rejection(h.rung.client.get('/r/LocalLLaMA/comments/a1/.rss'))).toBe(error);
    expect(h.fake.requests).toHaveLength(1);
    expect(h.rung.client.blocked).toBe(error);
  });

  it('a 403 for the User-Agent says so; a plain 403 (a private community) fails that feed only', async () => {
    const h = await feedsHarness({ posts });
    const anonymous = h.makeRung({ userAgent: 'node' });
    const error = await rejection(anonymous.client.get(TOP, { t: 'day' }));
    expect(error).toBeInstanceOf(FeedsBlockedError);
    expect(error.message).toMatch(/^Reddit refused the requests to its public feeds for their User-Agent \(403\): set REDDIT_USERNAME/);
    expect(error.message).not.toMatch(/network/);

    h.fake.inject('/r/private', { kind: 'status', status: 403, body: '<html><body>Forbidden</body></html>' });
    const forbidden = await rejection(h.rung.client.get('/r/private/top/.rss'));
    expect(forbidden).not.toBeInstanceOf(FeedsBlockedError);
    expect((forbidden as RedditError).status).toBe(403);
    await h.rung.client.get(TOP);
    expect(h.rung.client.blocked).toBeUndefined();
  });

  it('refuses a redirect: not followed, named (token redacted), and REDDIT_FEED_BASE pointed at', async () => {
    const h = await feedsHarness({ posts });
    h.fake.inject('/r/', { kind: 'redirect', location: 'https://www.reddit.com/login/?dest=x&feed=leaked' });
    const error = await rejection(h.rung.client.get(TOP, { t: 'day' }));
    expect(error.message).toMatch(/redirected to https:\/\/www\.reddit\.com\/login\/\?dest=x&feed=\[redacted\], which is not followed.*REDDIT_FEED_BASE/);
    expect(h.fake.requests).toHaveLength(1);
  });

  it('does not read an answer past the size cap, and times out a body that stalls', async () => {
    const h = await feedsHarness({ posts }, { maxResponseBytes: 64 * 1024, maxRetries: 0, timeoutMs: 300 });
    h.fake.inject('/r/', { kind: 'huge', bytes: 1024 * 1024 });
    const huge = await rejection(h.rung.client.get(TOP));
    expect(huge.message).toMatch(/larger than 65536 bytes/);
    h.fake.inject('/r/', { kind: 'slow-body', ms: 2_000 });
    const slow = await rejection(h.rung.client.get(TOP));
    expect((slow as RedditError).kind).toBe('timeout');
  });
});

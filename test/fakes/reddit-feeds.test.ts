// Self-test of the fake public feeds: plain fetch against it, checking what the feeds client relies on.
import { afterEach, describe, expect, it } from 'vitest';
import { loadSamplePosts, type RawPost } from './reddit.js';
import { startFakeFeeds, type FakeFeeds, type FakeFeedsOptions } from './reddit-feeds.js';

const NOW = 1_770_796_800; // 2026-02-11T08:00:00Z
const HOUR = 3600;
const DAY = 86_400;
const UA = 'node:ai-trends:0.0.0-test (by /u/tester)';

const post = (id: string, subreddit: string, score: number, ageSeconds: number, extra: Partial<RawPost> = {}): RawPost => ({
  id,
  title: `Post ${id}`,
  subreddit,
  score,
  num_comments: 3,
  created_utc: NOW - ageSeconds,
  ...extra,
});

let fake: FakeFeeds | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(opts: Partial<FakeFeedsOptions> = {}): Promise<FakeFeeds> {
  fake = await startFakeFeeds({ posts: [], now: NOW, ...opts });
  return fake;
}

async function get(f: FakeFeeds, path: string, headers: Record<string, string> = { 'User-Agent': UA }) {
  const res = await fetch(`${f.base}${path}`, { headers, redirect: 'manual' });
  return { res, text: await res.text() };
}

const ids = (xml: string) => [...xml.matchAll(/<id>(t[13]_[a-z0-9]+)<\/id>/g)].map((m) => m[1]);

describe('fake public feeds', () => {
  it('serves a multireddit top feed in top order for the window, as Atom with t3_ ids and no counts', async () => {
    const f = await start({
      posts: [post('a', 'LocalLLaMA', 50, HOUR), post('b', 'singularity', 90, 2 * HOUR), post('c', 'LocalLLaMA', 70, 3 * DAY), post('d', 'Other', 99, HOUR)],
    });
    const day = await get(f, '/r/LocalLLaMA+singularity/top/.rss?t=day&limit=100');
    expect(day.res.status).toBe(200);
    expect(day.res.headers.get('content-type')).toBe('application/atom+xml; charset=UTF-8');
    expect(ids(day.text)).toEqual(['t3_b', 't3_a']);
    expect(day.text).not.toMatch(/score|num_comments|ups|points/);
    expect(day.text).toContain('<category term="singularity" label="r/singularity"/>');
    const week = await get(f, '/r/LocalLLaMA+singularity/top/.xml?t=week&limit=2');
    expect(ids(week.text)).toEqual(['t3_b', 't3_c']);
    expect(ids((await get(f, '/r/LocalLLaMA/new/.rss')).text)).toEqual(['t3_a', 't3_c']);
  });

  it("writes the post's body as escaped HTML: self-text in the SC_OFF div, then [link] and [comments]", async () => {
    const f = await start({
      posts: [
        post('s1', 'LocalLLaMA', 5, HOUR, { title: 'Tips & <tricks>', selftext: 'First "para" & more\n\nSecond', author: 'alice' }),
        post('l1', 'LocalLLaMA', 4, HOUR, { url: 'https://github.com/x/y?a=1&b=2', author: 'bob' }),
      ],
    });
    const { text } = await get(f, '/r/LocalLLaMA/top/.rss?t=day');
    expect(text).toContain('<title>Tips &amp; &lt;tricks&gt;</title>');
    expect(text).toContain('<author><name>/u/alice</name>');
    expect(text).toContain('&lt;!-- SC_OFF --&gt;&lt;div class=&quot;md&quot;&gt;&lt;p&gt;First &amp;quot;para&amp;quot; &amp;amp; more&lt;/p&gt;');
    expect(text).toContain('&lt;a href=&quot;https://github.com/x/y?a=1&amp;amp;b=2&quot;&gt;[link]&lt;/a&gt;');
    expect(text).toContain('[comments]');
    expect(text).toMatch(/<link href="https:\/\/www\.reddit\.com\/r\/LocalLLaMA\/comments\/s1\/tips_tricks\/" \/>/);
    expect(text).toMatch(/<published>2026-02-11T07:00:00\+00:00<\/published>/);
  });

  it('serves a comment feed: the post first, then its comments (t1_), best first with replies after each', async () => {
    const f = await start({
      posts: [post('p1', 'LocalLLaMA', 5, HOUR)],
      comments: { p1: [{ id: 'c1', author: 'x', body: 'low', score: 1 }, { id: 'c2', author: 'y', body: 'high', score: 9, replies: [{ id: 'c3', author: 'z', body: 'reply', score: 20 }] }] },
    });
    const { res, text } = await get(f, '/r/LocalLLaMA/comments/p1/.rss');
    expect(res.status).toBe(200);
    expect(ids(text)).toEqual(['t3_p1', 't1_c2', 't1_c3', 't1_c1']);
    expect((await get(f, '/r/LocalLLaMA/comments/nope/.rss')).res.status).toBe(404);
  });

  it('throttles per minute in the x-ratelimit headers and answers 429 with Retry-After past it; a feed token is not throttled', async () => {
    let now = Date.UTC(2026, 1, 11, 8, 0, 10);
    const f = await start({ posts: loadSamplePosts().posts, perMinute: 2, clock: () => now, feedToken: { feed: 'tok', user: 'me' } });
    const first = await get(f, '/r/singularity/top/.rss?t=day');
    expect(first.res.headers.get('x-ratelimit-used')).toBe('1');
    expect(first.res.headers.get('x-ratelimit-remaining')).toBe('1.0');
    expect(first.res.headers.get('x-ratelimit-reset')).toBe('50');
    await get(f, '/r/singularity/top/.rss?t=day');
    const third = await get(f, '/r/singularity/top/.rss?t=day');
    expect(third.res.status).toBe(429);
    expect(third.res.headers.get('retry-after')).toBe('50');
    expect((await get(f, '/r/singularity/top/.rss?t=day&feed=tok&user=me')).res.status).toBe(200);
    now += 50_000;
    expect((await get(f, '/r/singularity/top/.rss?t=day')).res.status).toBe(200);
    expect(f.requests.map((r) => r.at)).toEqual([now - 50_000, now - 50_000, now - 50_000, now - 50_000, now]);
  });

  it('refuses a request without a User-Agent, and plays a blocked network, with HTML 403 pages', async () => {
    const f = await start({ posts: [post('a', 'LocalLLaMA', 1, HOUR)] });
    const none = await get(f, '/r/LocalLLaMA/top/.rss', {});
    expect(none.res.status).toBe(403);
    expect(none.text).toMatch(/User-Agent/);
    f.inject('/r/', { kind: 'blocked' });
    const blocked = await get(f, '/r/LocalLLaMA/top/.rss');
    expect(blocked.res.status).toBe(403);
    expect(blocked.res.headers.get('content-type')).toMatch(/text\/html/);
    expect(blocked.text).toMatch(/blocked by network security/);
    expect((await get(f, '/r/LocalLLaMA/top/.rss')).res.status).toBe(200);
  });

  it('injects faults: status, redirect, malformed XML, a slow body, a huge body', async () => {
    const f = await start({ posts: [post('a', 'LocalLLaMA', 1, HOUR)] });
    f.inject('/r/', { kind: 'status', status: 503 });
    expect((await get(f, '/r/LocalLLaMA/top/.rss')).res.status).toBe(503);
    f.inject('/r/', { kind: 'redirect', location: 'https://elsewhere.example/' });
    const moved = await get(f, '/r/LocalLLaMA/top/.rss');
    expect([moved.res.status, moved.res.headers.get('location')]).toEqual([302, 'https://elsewhere.example/']);
    f.inject('/r/', { kind: 'malformed' });
    expect((await get(f, '/r/LocalLLaMA/top/.rss')).text).not.toMatch(/<\/feed>$/);
    f.inject('/r/', { kind: 'slow-body', ms: 150 });
    const started = Date.now();
    expect((await get(f, '/r/LocalLLaMA/top/.rss')).text).toMatch(/<\/feed>$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    f.inject('/r/', { kind: 'huge', bytes: 300_000 });
    expect((await get(f, '/r/LocalLLaMA/top/.rss')).text.length).toBe(300_000);
  });

  it('records every request: path, query and headers', async () => {
    const f = await start();
    await get(f, '/r/a+b/top/.rss?t=week&limit=100');
    expect(f.requests[0]).toMatchObject({ method: 'GET', path: '/r/a+b/top/.rss', query: { t: 'week', limit: '100' } });
    expect(f.requests[0]!.headers['user-agent']).toBe(UA);
  });
});

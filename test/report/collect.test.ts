// Collection against the fake Reddit over real HTTP, with a real SQLite store: request budget, pagination,
// /about checks and their cache, failing subreddits and listings, filters, and the daily report service.
// The yardstick everywhere is the report built from *all* the fake's posts: collection is correct when
// the report built from what it fetched has exactly the same sections.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSubreddits } from '../../src/config.js';
import type { ReportSections } from '../../src/models.js';
import type { RedditClient, RedditClientOptions } from '../../src/reddit/client.js';
import { RedditError } from '../../src/reddit/errors.js';
import { buildReport } from '../../src/report/build.js';
import { collectPosts, type CollectOptions } from '../../src/report/collect.js';
import { DailyReports } from '../../src/report/daily.js';
import { redditSource } from '../../src/report/source.js';
import { openStore, type Store } from '../../src/store/store.js';
import { startFakeReddit, type FakeReddit, type FakeRedditOptions, type RawPost, type RecordedRequest } from '../fakes/reddit.js';
import { completeSections, NOW, NOW_S, syntheticPosts } from '../helpers/synthetic-reddit.js';
import { clientFor } from '../reddit/helpers.js';

const HOUR = 3600;
const DAY = 86_400;
const MAX_RETRIES = 2;

const sectionIds = (s: ReportSections) => [...s.today, ...s.week, ...s.month, ...s.communities.flatMap((c) => c.posts)].map((p) => p.id);

// ---------------------------------------------------------------------------------------------------
// Harness: fake Reddit + temp SQLite store + a client that never really sleeps.

interface Env {
  fake: FakeReddit;
  store: Store;
  storeUrl: string;
  client: RedditClient;
  makeClient(overrides?: Partial<RedditClientOptions>): RedditClient;
  /** Closes the store before the test ends (to reopen the SQLite file); afterEach then leaves it alone. */
  closeStore(): Promise<void>;
  collect(overrides?: Partial<CollectOptions>): ReturnType<typeof collectPosts>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(posts: RawPost[], fakeOptions: Partial<FakeRedditOptions> = {}): Promise<Env> {
  const fake = await startFakeReddit({ posts, now: NOW_S, rateLimit: { limit: 10_000, windowSeconds: 600 }, ...fakeOptions });
  cleanups.push(() => fake.close());
  const dir = mkdtempSync(join(tmpdir(), 'ai-trends-collect-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const storeUrl = `sqlite://${join(dir, 'store.sqlite')}`;
  const store = await openStore(storeUrl);
  let storeOpen = true;
  const closeStore = async () => {
    if (storeOpen) await store.close();
    storeOpen = false;
  };
  cleanups.push(closeStore);
  const makeClient = (overrides: Partial<RedditClientOptions> = {}) =>
    clientFor(fake, {
      maxRetries: MAX_RETRIES,
      backoff: { baseMs: 1, capMs: 1 },
      sleep: () => Promise.resolve(),
      random: () => 0,
      ...overrides,
    });
  const client = makeClient();
  return {
    fake,
    store,
    storeUrl,
    client,
    makeClient,
    closeStore,
    collect: (overrides = {}) => collectPosts(client, { subreddits: defaultSubreddits, now: NOW, checks: store.subreddits, ...overrides }),
  };
}

const isListing = (r: RecordedRequest) => /^\/r\/[^/]+\/(new|top|hot)$/.test(r.path);
const isAbout = (r: RecordedRequest) => /^\/r\/[^/]+\/about$/.test(r.path);
const listings = (fake: FakeReddit, from = 0) => fake.requests.slice(from).filter(isListing);
const abouts = (fake: FakeReddit, from = 0) => fake.requests.slice(from).filter(isAbout);
const stream = (fake: FakeReddit, sort: 'new' | 'week' | 'month', from = 0) =>
  listings(fake, from).filter((r) => (sort === 'new' ? r.path.endsWith('/new') : r.path.endsWith('/top') && r.query.t === sort));
const multiPath = (subreddits: string[], listing: string) => `/r/${subreddits.join('+')}/${listing}`;

/** The fake's `new` order: newest first, then id. */
const newestFirst = (a: RawPost, b: RawPost) => b.created_utc - a.created_utc || a.id.localeCompare(b.id);
const reportable = (p: RawPost) => !p.over_18 && !p.stickied && !p.removed_by_category;

// ---------------------------------------------------------------------------------------------------

describe('collectPosts with the 11 default subreddits', () => {
  it.each([
    ['a few hundred posts', 0.1],
    ['~4,500 posts (busy)', 1],
    ['~14,000 posts (very busy)', 3],
  ])('%s: at most 15 listing requests, and the same report as the complete data', async (_label, factor) => {
    const data = syntheticPosts({ factor, seed: 7 });
    const env = await setup(data.posts);
    const collected = await env.collect();

    expect(collected.warnings).toEqual([]);
    const used = listings(env.fake);
    expect(used.length).toBeLessThanOrEqual(15);
    // Every listing is one multireddit request over all eleven: no per-subreddit listings.
    for (const r of used) expect(r.path).toMatch(new RegExp(`^${multiPath(defaultSubreddits, '(new|top)').replace(/\+/g, '\\+')}$`));
    expect(used.every((r) => r.query.limit === '100' && r.query.raw_json === '1')).toBe(true);
    expect(abouts(env.fake)).toHaveLength(11);

    const got = buildReport(collected.posts, NOW).sections;
    const want = completeSections(data.posts);
    expect(got).toEqual(want);
    // The data are not trivial: full sections, several communities.
    expect(want.week).toHaveLength(20);
    expect(want.month).toHaveLength(20);
    expect(want.today.length).toBeGreaterThanOrEqual(factor >= 1 ? 10 : 5);
    expect(want.communities.length).toBeGreaterThanOrEqual(factor >= 1 ? 4 : 2);
    if (factor >= 1) expect(stream(env.fake, 'new').length).toBeGreaterThan(1); // pagination mattered
  });

  it('pages `new` with `after` until the whole 24-hour window is covered, and not one page more', async () => {
    const data = syntheticPosts({ factor: 3, seed: 11 });
    const env = await setup(data.posts);
    const collected = await env.collect();

    // What the fake lists under `new`, in order: the pages and cursors the collection must have used.
    const order = [...data.posts].sort(newestFirst);
    const firstOlder = order.findIndex((p) => reportable(p) && p.created_utc <= NOW_S - DAY);
    const pages = Math.floor(firstOlder / 100) + 1;
    const requests = stream(env.fake, 'new');
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(requests).toHaveLength(pages);
    requests.forEach((r, i) => {
      expect(r.query.limit).toBe('100');
      expect(r.query.after).toBe(i === 0 ? undefined : `t3_${order[i * 100 - 1]!.id}`);
    });

    // Every visible post of the window is there, whatever its comments: Today's and every community's candidates.
    const ids = new Set(collected.posts.map((p) => p.id));
    const window = data.posts.filter((p) => reportable(p) && p.created_utc > NOW_S - DAY && p.created_utc <= NOW_S);
    expect(window.length).toBeGreaterThan(300);
    expect(window.filter((p) => !ids.has(p.id))).toEqual([]);
    expect(ids.has('edgenow')).toBe(true);
    const got = buildReport(collected.posts, NOW).sections;
    expect(got).toEqual(completeSections(data.posts));
    expect(got.today.map((p) => p.id)).toContain('edgenow');
    expect(got.today.map((p) => p.id)).not.toContain('edgeday');
    expect(got.week.map((p) => p.id)).toContain('edgeday');
  });

  it('reads one page of top?t=week and of top?t=month when it holds 20 posts of the window', async () => {
    const data = syntheticPosts({ factor: 1, seed: 3 });
    const env = await setup(data.posts);
    await env.collect();
    expect(stream(env.fake, 'week')).toHaveLength(1);
    expect(stream(env.fake, 'month')).toHaveLength(1);
    expect(stream(env.fake, 'week')[0]!.query.after).toBeUndefined();
  });

  it('reads on past a page of hidden posts, and stops as soon as 20 posts of the window are seen', async () => {
    const data = syntheticPosts({ factor: 1, seed: 5 });
    // The week's 95 most popular posts are all NSFW or removed: the first top page shows only 5.
    for (let i = 0; i < 95; i++) {
      data.posts.push({
        id: `nsfw${i}`, title: `Hidden ${i}`, subreddit: 'singularity', score: 200_000 - i, num_comments: 50,
        created_utc: NOW_S - 2 * DAY - i * 60, over_18: i % 2 === 0, removed_by_category: i % 2 === 1 ? 'moderator' : null,
      });
    }
    const env = await setup(data.posts);
    const collected = await env.collect();
    const week = stream(env.fake, 'week');
    const month = stream(env.fake, 'month');
    expect(week).toHaveLength(2); // page 3 exists (the week holds > 1,000 posts) but is not needed
    expect(month).toHaveLength(2);
    expect(week[1]!.query.after).toMatch(/^t3_/);
    expect(buildReport(collected.posts, NOW).sections).toEqual(completeSections(data.posts));
    expect(collected.posts.some((p) => p.id.startsWith('nsfw'))).toBe(false);
  });

  it('applies the tie rule (comments, then id) even when equal scores run past the first top page', async () => {
    // 150 posts of the week all scored 50; the fake orders equal scores newest first, while the report
    // wants the most commented, which are the oldest here: on the second page of top?t=week.
    const posts: RawPost[] = [];
    for (let i = 0; i < 150; i++) {
      posts.push({ id: `tie${String(i).padStart(3, '0')}`, title: `Tie ${i}`, subreddit: i % 2 ? 'singularity' : 'LocalLLaMA', score: 50, num_comments: i, created_utc: NOW_S - 2 * DAY - i * 600 });
    }
    for (let i = 0; i < 100; i++) {
      posts.push({ id: `old${i}`, title: `Old ${i}`, subreddit: 'LocalLLaMA', score: 10, num_comments: 3, created_utc: NOW_S - 10 * DAY - i * 600 });
    }
    const env = await setup(posts);
    const collected = await env.collect({ subreddits: ['LocalLLaMA', 'singularity'] });
    const got = buildReport(collected.posts, NOW).sections;
    expect(got).toEqual(completeSections(posts));
    expect(got.week.map((p) => p.id)).toEqual(Array.from({ length: 20 }, (_, i) => `tie${149 - i}`));
    expect(stream(env.fake, 'week')).toHaveLength(2); // the end of the listing
    expect(stream(env.fake, 'month')).toHaveLength(2); // page 2 shows a lower score; page 3 is not read
  });

  it('never lets a post from after now, NSFW, stickied or removed into the posts or the report', async () => {
    const data = syntheticPosts({ factor: 1, seed: 13 });
    // And some that would otherwise top every section: in the last hour, huge scores and comments.
    data.posts.push(
      { id: 'xnsfw', title: 'NSFW', subreddit: 'LocalLLaMA', score: 800_000, num_comments: 9_000, created_utc: NOW_S - HOUR, over_18: true },
      { id: 'xsticky', title: 'Pinned', subreddit: 'LocalLLaMA', score: 800_000, num_comments: 9_000, created_utc: NOW_S - HOUR, stickied: true },
      { id: 'xremoved', title: 'Removed', subreddit: 'singularity', score: 800_000, num_comments: 9_000, created_utc: NOW_S - HOUR, removed_by_category: 'moderator' },
      { id: 'xfuture', title: 'Tomorrow', subreddit: 'singularity', score: 800_000, num_comments: 9_000, created_utc: NOW_S + 1 },
    );
    for (const id of ['xnsfw', 'xsticky', 'xremoved', 'xfuture']) data.hidden.add(id);
    const env = await setup(data.posts);
    const collected = await env.collect();

    expect(data.hidden.size).toBeGreaterThan(50);
    expect(collected.posts.filter((p) => data.hidden.has(p.id))).toEqual([]);
    expect(collected.posts.every((p) => Date.parse(p.createdAt) <= NOW.getTime())).toBe(true);
    const sections = buildReport(collected.posts, NOW).sections;
    expect(sectionIds(sections).filter((id) => data.hidden.has(id))).toEqual([]);
    expect(sections).toEqual(completeSections(data.posts));
  });

  it('warns when maxPages stops a listing before its window is covered', async () => {
    const data = syntheticPosts({ factor: 3, seed: 17 });
    const env = await setup(data.posts);
    const collected = await env.collect({ maxPages: 2 });
    expect(stream(env.fake, 'new')).toHaveLength(2);
    expect(collected.warnings).toEqual(['newest posts stopped after 2 pages; older posts may be missing']);
    // The other listings were not affected.
    expect(stream(env.fake, 'week')).toHaveLength(1);
    expect(stream(env.fake, 'month')).toHaveLength(1);
  });
});

describe('malformed posts', () => {
  it('are counted once each, however many listings and pages show them, with a real id as example', async () => {
    const data = syntheticPosts({ factor: 1, seed: 29 });
    // New and popular: each is in `new`, `top?t=week` and `top?t=month`. The first has an injected id,
    // the second a real one and a comment count Reddit never sends.
    const fresh = { subreddit: 'LocalLLaMA', score: 900_000, num_comments: 5, created_utc: NOW_S - 60 };
    data.posts.push(
      { ...fresh, id: ') [PWN](http://evil.example)', title: 'injected id' },
      { ...fresh, id: 'bad1', title: 'malformed comments', num_comments: 'many' as unknown as number, created_utc: NOW_S - 120 },
    );
    const env = await setup(data.posts);
    const collected = await env.collect();
    expect(stream(env.fake, 'new').length).toBeGreaterThan(1); // the posts were on pages of three listings
    expect(collected.warnings).toEqual(['2 post(s) from Reddit had missing or malformed fields and were left out (for example bad1)']);
  });

  it('with no Reddit-shaped id among them, quote one as received, made inert', async () => {
    const data = syntheticPosts({ factor: 0.1, seed: 31 });
    data.posts.push({ id: ') [PWN](http://evil.example) @everyone', title: 'injected id', subreddit: 'LocalLLaMA', score: 900_000, num_comments: 5, created_utc: NOW_S - 60 });
    const env = await setup(data.posts);
    const collected = await env.collect();
    expect(collected.warnings).toEqual(['1 post(s) from Reddit had missing or malformed fields and were left out (for example ") [PWN](http:/\u200b/evil.example) @\u200deveryone")']);
  });
});

describe('subreddit checks (/about)', () => {
  it('checks each subreddit once and caches the answer in the store, across a reopen', async () => {
    const data = syntheticPosts({ factor: 0.1, seed: 19 });
    const env = await setup(data.posts);
    await env.collect();
    const first = abouts(env.fake).map((r) => r.path).sort();
    expect(first).toEqual(defaultSubreddits.map((s) => `/r/${s}/about`).sort());
    expect(await env.store.subreddits.get('localllama')).toMatchObject({ name: 'LocalLLaMA', ok: true, displayName: 'LocalLLaMA' });

    // A second collection, with a new client (so a new process), makes no /about request.
    const mark = env.fake.requests.length;
    const again = await collectPosts(env.makeClient(), { subreddits: defaultSubreddits, now: NOW, checks: env.store.subreddits });
    expect(abouts(env.fake, mark)).toEqual([]);
    expect(buildReport(again.posts, NOW).sections).toEqual(completeSections(data.posts));

    // The cache lives in the SQLite file, not in memory.
    await env.closeStore();
    const reopened = await openStore(env.storeUrl);
    cleanups.push(() => reopened.close());
    const mark2 = env.fake.requests.length;
    await collectPosts(env.makeClient(), { subreddits: defaultSubreddits, now: NOW, checks: reopened.subreddits });
    expect(abouts(env.fake, mark2)).toEqual([]);
    expect(listings(env.fake, mark2).length).toBeGreaterThan(0);
  });

  it('uses the canonical spelling Reddit gives for a configured name', async () => {
    const data = syntheticPosts({ factor: 0.1, seed: 23 });
    const env = await setup(data.posts);
    const collected = await env.collect({ subreddits: ['localllama', 'SINGULARITY'] });
    expect(collected.warnings).toEqual([]);
    expect(listings(env.fake).every((r) => r.path.startsWith('/r/LocalLLaMA+singularity/'))).toBe(true);
    const sections = buildReport(collected.posts, NOW).sections;
    expect(sections.communities.map((c) => c.subreddit)).toEqual(['LocalLLaMA', 'singularity']);
  });

  it('names a 404, banned or private subreddit in warnings with why, and builds the report from the rest', async () => {
    const data = syntheticPosts({ factor: 1, seed: 29 });
    const env = await setup(data.posts, { subreddits: { LangChain: { status: 'private' }, Rag: { status: 'banned' }, hackernews: { status: 'quarantined' } } });
    const subreddits = [...defaultSubreddits, 'NoSuchSub'];
    const collected = await env.collect({ subreddits });
    expect(collected.warnings).toEqual([
      'r/hackernews skipped: quarantined (403)',
      'r/LangChain skipped: private (403)',
      'r/Rag skipped: banned (404)',
      'r/NoSuchSub skipped: does not exist (404)',
    ]);
    const readable = defaultSubreddits.filter((s) => !['hackernews', 'LangChain', 'Rag'].includes(s));
    for (const r of listings(env.fake)) expect(r.path).toMatch(new RegExp(`^/r/${readable.join('\\+')}/(new|top)$`));
    expect(listings(env.fake).length).toBeLessThanOrEqual(15);
    const sections = buildReport(collected.posts, NOW).sections;
    expect(sections).toEqual(completeSections(data.posts, ['hackernews', 'LangChain', 'Rag']));
    expect(sections.communities.map((c) => c.subreddit)).not.toContain('Rag');

    // The failures are cached too: the next collection warns the same without asking again.
    const mark = env.fake.requests.length;
    const again = await env.collect({ subreddits });
    expect(abouts(env.fake, mark)).toEqual([]);
    expect(again.warnings).toEqual(collected.warnings);
  });

  it.each([
    ['503 after every retry', { kind: 'status', status: 503 } as const, MAX_RETRIES + 1],
    ['a body that is not JSON', { kind: 'malformed' } as const, 1],
  ])('still collects from a subreddit whose /about check failed only for the moment (%s), without caching it', async (_label, fault, times) => {
    const data = syntheticPosts({ factor: 0.1, seed: 31 });
    const env = await setup(data.posts);
    env.fake.inject('/r/Rag/about', fault, times);
    const collected = await env.collect();
    expect(collected.warnings).toEqual([]);
    expect(buildReport(collected.posts, NOW).sections).toEqual(completeSections(data.posts));
    expect(await env.store.subreddits.get('rag')).toBeUndefined();
    const mark = env.fake.requests.length;
    await env.collect();
    expect(abouts(env.fake, mark).map((r) => r.path)).toEqual(['/r/Rag/about']);
  });

  it('fails the collection on refused credentials, without caching every subreddit as unreadable', async () => {
    const data = syntheticPosts({ factor: 0.1, seed: 37 });
    const env = await setup(data.posts);
    const wrong = env.makeClient({ credentials: { clientId: 'test-id', clientSecret: 'wrong' } });
    await expect(collectPosts(wrong, { subreddits: defaultSubreddits, now: NOW, checks: env.store.subreddits })).rejects.toThrow(/refused the app credentials/);
    expect(await env.store.subreddits.get('localllama')).toBeUndefined();
    const collected = await env.collect();
    expect(collected.warnings).toEqual([]);
    expect(buildReport(collected.posts, NOW).sections).toEqual(completeSections(data.posts));
  });
});

describe('failing listings', () => {
  it('falls back to one request per subreddit when the multireddit listing keeps failing, and says so', async () => {
    const data = syntheticPosts({ factor: 1, seed: 41 });
    const env = await setup(data.posts);
    const combinedNew = multiPath(defaultSubreddits, 'new');
    env.fake.inject(combinedNew, { kind: 'status', status: 503 }, MAX_RETRIES + 1);
    const collected = await env.collect();

    expect(env.fake.requests.filter((r) => r.path === combinedNew)).toHaveLength(MAX_RETRIES + 1);
    const single = stream(env.fake, 'new').filter((r) => !r.path.includes('+'));
    expect(single.map((r) => r.path).sort()).toEqual(defaultSubreddits.map((s) => `/r/${s}/new`).sort());
    expect(collected.warnings).toHaveLength(1);
    expect(collected.warnings[0]).toMatch(/newest posts.*11 subreddits.*503/);
    expect(buildReport(collected.posts, NOW).sections).toEqual(completeSections(data.posts));
  });

  it('names a subreddit that still fails on its own, and builds the report from the rest', async () => {
    const data = syntheticPosts({ factor: 1, seed: 43 });
    const env = await setup(data.posts);
    env.fake.inject('/r/LocalLLaMA+', { kind: 'status', status: 503 }, 1_000); // every combined listing
    env.fake.inject('/r/datascience/new', { kind: 'status', status: 503 }, 1_000);
    env.fake.inject('/r/datascience/top', { kind: 'status', status: 500 }, 1_000);
    const collected = await env.collect();

    expect([...collected.warnings].sort()).toEqual(
      [
        'the combined request for newest posts of 11 subreddits failed (Reddit answered 503); read them one by one',
        'the combined request for top posts of the week of 11 subreddits failed (Reddit answered 503); read them one by one',
        'the combined request for top posts of the month of 11 subreddits failed (Reddit answered 503); read them one by one',
        'r/datascience newest posts skipped: Reddit answered 503',
        'r/datascience top posts of the week skipped: Reddit answered 500',
        'r/datascience top posts of the month skipped: Reddit answered 500',
      ].sort(),
    );
    expect(buildReport(collected.posts, NOW).sections).toEqual(completeSections(data.posts, ['datascience']));
  });

  it('fails instead of returning an empty report when not one listing can be read', async () => {
    const data = syntheticPosts({ factor: 0.1, seed: 47 });
    const env = await setup(data.posts);
    env.fake.inject('/r/', { kind: 'status', status: 503 }, 100_000);
    const reports = new DailyReports(env.store, redditSource(env.client, defaultSubreddits, env.store.subreddits, 10));
    const error = await reports.get({ now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditError);
    expect(String(error)).toMatch(/503/);
    expect(await env.store.reports.get('2026-02-11')).toBeUndefined(); // nothing empty stored for the day
    expect(await env.store.subreddits.get('rag')).toBeUndefined(); // Reddit's trouble, not the subreddit's
  });
});

describe('DailyReports over Reddit', () => {
  it('stores the report and the day snapshot, then serves the stored report without asking Reddit unless refresh', async () => {
    const data = syntheticPosts({ factor: 1, seed: 53 });
    const env = await setup(data.posts);
    const reports = () => new DailyReports(env.store, redditSource(env.client, defaultSubreddits, env.store.subreddits, 10));
    const daily = reports();

    const first = await daily.get({ now: NOW });
    expect(first.fromStore).toBe(false);
    expect(first.report.date).toBe('2026-02-11');
    expect(first.report.generatedAt).toBe(NOW.toISOString());
    expect(first.report.sections).toEqual(completeSections(data.posts));
    expect(first.report.warnings).toEqual([]);
    expect(await env.store.reports.get('2026-02-11')).toEqual(first.report);

    // The snapshot: every collected post with its numbers of the day, hidden ones never.
    const snapshot = await env.store.snapshots.get('2026-02-11');
    expect(snapshot?.date).toBe('2026-02-11');
    expect(snapshot?.takenAt).toBe(NOW.toISOString());
    const snapIds = new Set(snapshot?.posts.map((p) => p.id));
    expect(sectionIds(first.report.sections).every((id) => snapIds.has(id))).toBe(true);
    const window = data.posts.filter((p) => reportable(p) && p.created_utc > NOW_S - DAY && p.created_utc <= NOW_S);
    expect(window.every((p) => snapIds.has(p.id))).toBe(true);
    expect([...snapIds].filter((id) => data.hidden.has(id))).toEqual([]);
    const one = snapshot!.posts.find((p) => p.id === first.report.sections.today[0]!.id);
    expect(one).toEqual(first.report.sections.today[0]);

    // Later the same UTC day: from the store, not one request to Reddit.
    const mark = env.fake.requests.length;
    const later = await daily.get({ now: new Date(NOW.getTime() + 10 * HOUR) });
    expect(later).toEqual({ report: first.report, fromStore: true });
    expect(env.fake.requests.length).toBe(mark);

    // From the SQLite file after a reopen, by a new service: still no request.
    await env.closeStore();
    const reopened = await openStore(env.storeUrl);
    cleanups.push(() => reopened.close());
    const fresh = new DailyReports(reopened, redditSource(env.client, defaultSubreddits, reopened.subreddits, 10));
    expect(await fresh.get({ now: NOW })).toEqual({ report: first.report, fromStore: true });
    expect(env.fake.requests.length).toBe(mark);

    // --refresh: built again from Reddit (the /about checks stay cached), stored over the old one.
    const top = data.posts.find((p) => p.id === first.report.sections.week[5]!.id)!;
    top.score += 1_000_000; // the fake serves its posts array live
    const refreshed = await fresh.get({ now: NOW, refresh: true });
    expect(refreshed.fromStore).toBe(false);
    expect(refreshed.report.sections.week[0]!.id).toBe(top.id);
    expect(refreshed.report.sections).toEqual(completeSections(data.posts));
    expect(listings(env.fake, mark).length).toBeGreaterThan(0);
    expect(abouts(env.fake, mark)).toEqual([]);
    expect(await reopened.reports.get('2026-02-11')).toEqual(refreshed.report);
    expect((await reopened.snapshots.get('2026-02-11'))?.posts.find((p) => p.id === top.id)?.score).toBe(top.score);
  });

  it('shares one collection between two callers asking for the same day at once', async () => {
    const data = syntheticPosts({ factor: 0.1, seed: 59 });
    const env = await setup(data.posts);
    const daily = new DailyReports(env.store, redditSource(env.client, defaultSubreddits, env.store.subreddits, 10));
    const [a, b] = await Promise.all([daily.get({ now: NOW }), daily.get({ now: NOW })]);
    expect(a.report).toEqual(b.report);
    expect(abouts(env.fake)).toHaveLength(11);
    expect(listings(env.fake)).toHaveLength(3); // new, week, month: one page each, once
  });
});

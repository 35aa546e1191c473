// `npm run bench`: one report of the bundled sample day from Reddit's public feeds (the fake feeds at 1 and
// at 10 requests a minute, Reddit's reported range) against the OAuth API mode (the fake API, the real
// RedditClient and collectPosts) on the same posts.
//
// The feeds runs use a virtual clock: a sleep moves it on at once, so minutes of pacing take seconds, and
// the fake's throttle windows follow the same clock. "paced wall" is the time the pacing implies in real
// life (requests themselves counted as instant); "real ms" is what the run took here.
//
// For each: requests, wall time, posts found, and how many of the API report's Today, week and month posts
// the feeds' rank lists hold (in the list at all / among its first 10 or 20), the API report being the
// reference with every number. "+ comments" adds the comment feeds (or /comments) the analysis reads for
// 15 posts, inside the feeds' budget of 20 requests a report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { enrichPosts } from '../../src/analysis/enrich.js';
import { defaultSubreddits } from '../../src/config.js';
import type { Post, Report } from '../../src/models.js';
import { createFeedsSource } from '../../src/reddit/feeds/source.js';
import { apiPostDetails, defaultDetailLimits } from '../../src/reddit/post-details.js';
import { buildReport } from '../../src/report/build.js';
import { redditSource } from '../../src/report/source.js';
import { openStore, type Store } from '../../src/store/store.js';
import { loadSamplePosts, startFakeReddit, type RawComment, type RawPost } from '../fakes/reddit.js';
import { startFakeFeeds } from '../fakes/reddit-feeds.js';
import { NOW_S as SYNTHETIC_NOW, syntheticPosts } from '../helpers/synthetic-reddit.js';
import { clientFor } from '../reddit/helpers.js';

const UA = 'node:ai-trends-bench:0.0.0 (by /u/ai-trends-bot)';
const ENRICH = 15;

/** A day of posts as both fakes serve it, and the instant the report is for (epoch seconds). */
interface Day {
  name: string;
  posts: RawPost[];
  now: number;
}

interface Row {
  name: string;
  requests: number;
  pacedMs: number;
  realMs: number;
  posts: number;
  overlap: string[];
  warnings: number;
}

async function withStore<T>(body: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-trends-feeds-bench-'));
  const store = await openStore(`sqlite://${join(dir, 'store.sqlite')}`);
  try {
    return await body(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const comments = (id: string): RawComment[] => [
  { id: `${id}a`, author: 'alice', body: `A useful comment on ${id}.`, score: 12 },
  { id: `${id}b`, author: 'bob', body: 'Another view.', score: 5 },
];

/** The API report's sections against the feeds' rank lists: "in list / in the list's first n". */
function overlap(reference: Report, posts: Post[]): string[] {
  const spans = [
    ['today', 'day', 10],
    ['week', 'week', 20],
    ['month', 'month', 20],
  ] as const;
  return spans.map(([section, span, n]) => {
    const wanted = reference.sections[section].map((p) => p.id);
    const ranked = new Map(posts.flatMap((p) => (p.topRank?.[span] === undefined ? [] : [[p.id, p.topRank[span]!] as const])));
    const inList = wanted.filter((id) => ranked.has(id)).length;
    const inTop = wanted.filter((id) => (ranked.get(id) ?? Infinity) <= n).length;
    return `${inList}/${wanted.length} (${inTop} in top ${n})`;
  });
}

async function apiRun(day: Day, withComments: boolean): Promise<{ row: Row; report: Report }> {
  const now = new Date(day.now * 1000);
  // Every default community exists (the quiet ones too), as on Reddit.
  const subreddits = Object.fromEntries(defaultSubreddits.map((name) => [name, { status: 'ok' as const }]));
  const fake = await startFakeReddit({ posts: day.posts, now: day.now, subreddits, rateLimit: { limit: 100_000, windowSeconds: 600 }, comments: Object.fromEntries(day.posts.map((p) => [p.id, comments(p.id)])) });
  try {
    return await withStore(async (store) => {
      const client = clientFor(fake, { userAgent: UA, timeoutMs: 10_000 });
      const started = performance.now();
      const collected = await redditSource(client, defaultSubreddits, store.subreddits, 10).collect(now);
      const report = buildReport(collected.posts, now, collected.warnings);
      let warnings = collected.warnings.length;
      if (withComments) {
        const enriched = await enrichPosts({ report, details: apiPostDetails(client), cache: store.postDetails, count: ENRICH, limits: defaultDetailLimits, now });
        warnings += enriched.warnings.length;
      }
      const realMs = performance.now() - started;
      const name = withComments ? 'api (OAuth) + comments' : 'api (OAuth)';
      return { report, row: { name, requests: fake.requests.length, pacedMs: realMs, realMs, posts: collected.posts.length, overlap: ['n/a', 'n/a', 'n/a'], warnings } };
    });
  } finally {
    await fake.close();
  }
}

async function feedsRun(day: Day, perMinute: number, withComments: boolean, reference: Report): Promise<Row> {
  const now = new Date(day.now * 1000);
  // Ten seconds into a minute: the fake's throttle windows end on the minute, as Reddit's do.
  const clock = { now: Date.UTC(2026, 1, 11, 8, 0, 10) };
  const fake = await startFakeFeeds({ posts: day.posts, now: day.now, perMinute, clock: () => clock.now, comments: Object.fromEntries(day.posts.map((p) => [p.id, comments(p.id)])) });
  try {
    return await withStore(async (store) => {
      const rung = createFeedsSource({
        settings: { base: fake.base, maxRequests: 20, minIntervalMs: 6_000 },
        subreddits: defaultSubreddits,
        userAgent: UA,
        timeoutMs: 10_000,
        maxResponseBytes: 8 * 1024 * 1024,
        clock: () => clock.now,
        sleep: async (ms) => {
          clock.now += ms;
        },
      });
      const startedAt = clock.now;
      const started = performance.now();
      const collected = await rung.source.collect(now);
      let warnings = collected.warnings.length;
      if (withComments) {
        // Today's selection by rank belongs to the report layer: Reddit's top of the day stands in for it here.
        const byDay = collected.posts.filter((p) => p.topRank?.day !== undefined).sort((a, b) => a.topRank!.day! - b.topRank!.day!);
        const built = buildReport(collected.posts, now, collected.warnings);
        const report: Report = { ...built, sections: { ...built.sections, today: byDay.slice(0, ENRICH), communities: [] } };
        const enriched = await enrichPosts({ report, details: rung.details, cache: store.postDetails, count: ENRICH, limits: defaultDetailLimits, now });
        warnings += enriched.warnings.length;
      }
      const name = `feeds @ ${perMinute}/min${withComments ? ' + comments' : ''}`;
      return { name, requests: fake.requests.length, pacedMs: clock.now - startedAt, realMs: performance.now() - started, posts: collected.posts.length, overlap: overlap(reference, collected.posts), warnings };
    });
  } finally {
    await fake.close();
  }
}

function clockTime(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} min`;
}

async function bench(day: Day): Promise<void> {
  const api = await apiRun(day, false);
  const apiComments = await apiRun(day, true);
  const rows: Row[] = [api.row, apiComments.row];
  for (const perMinute of [10, 1]) for (const withComments of [false, true]) rows.push(await feedsRun(day, perMinute, withComments, api.report));

  const lastDay = day.posts.filter((p) => p.created_utc > day.now - 86_400 && p.created_utc <= day.now).length;
  console.log(`${day.name}: ${day.posts.length} posts (${lastDay} in the last 24 h), ${defaultSubreddits.length} default communities`);
  const header = ['mode', 'requests', 'paced wall', 'real ms', 'posts', 'today (day list)', 'week (week list)', 'month (month list)', 'warnings'];
  const table = rows.map((r) => [r.name, String(r.requests), clockTime(r.pacedMs), r.realMs.toFixed(0), String(r.posts), ...r.overlap, String(r.warnings)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  console.log('');
}

async function main(): Promise<void> {
  console.log('feeds bench: feeds budget 20 requests a report, 6 s minimum interval; requests include the token and /about for the API.');
  console.log("overlap: the API report's Today / week / month posts found in the feeds' day / week / month rank lists (and among its first 10 / 20);");
  console.log('the api rows are the reference (they read every number).\n');
  const sample = loadSamplePosts();
  await bench({ name: 'the bundled sample day (2026-02-11)', posts: sample.posts, now: sample.now });
  // A busy day: more than 100 posts in 24 h, so the day feed is full and quiet communities need their own.
  const busy = syntheticPosts({ seed: 2026 });
  await bench({ name: 'a synthetic busy day (test/helpers/synthetic-reddit.ts, seed 2026)', posts: busy.posts, now: SYNTHETIC_NOW });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

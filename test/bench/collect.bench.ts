// `npm run bench`: our collection against the naive strategy of the reference script, side by side,
// on the fake Reddit with 100 ms of latency on every answer (token endpoint included).
//
//   ours   collectPosts: /about once per subreddit (cached in the store), then three multireddit
//          listings in parallel (new, paged over the last 24 h; top?t=week; top?t=month).
//   naive  for each subreddit, one after another: top?t=day, top?t=week, top?t=month, limit 100 each.
//
// For each: listing requests, wall time and whether the report sections built from what it fetched
// equal those built from every post the fake holds. Each strategy runs RUNS times and the median is
// shown. Ours runs with a fresh SQLite store each time: its first ("cold") collection pays the 11
// /about checks, a second ("warm") one on the same store finds them cached.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { defaultSubreddits } from '../../src/config.js';
import type { Post, ReportSections } from '../../src/models.js';
import type { RedditClient } from '../../src/reddit/client.js';
import { parseListing } from '../../src/reddit/parse.js';
import { buildReport } from '../../src/report/build.js';
import { collectPosts } from '../../src/report/collect.js';
import { uniquePosts } from '../../src/report/select.js';
import { openStore } from '../../src/store/store.js';
import { startFakeReddit, type FakeReddit, type RecordedRequest } from '../fakes/reddit.js';
import { completeSections, NOW, NOW_S, syntheticPosts } from '../helpers/synthetic-reddit.js';
import { clientFor } from '../reddit/helpers.js';

const RUNS = 3;
const LATENCY_MS = 100;
const DAY = 86_400;

interface Measure {
  listings: number;
  abouts: number;
  ms: number;
  correct: boolean;
  warnings: number;
}

const isListing = (r: RecordedRequest) => /^\/r\/[^/]+\/(new|top|hot)$/.test(r.path);
const isAbout = (r: RecordedRequest) => /^\/r\/[^/]+\/about$/.test(r.path);

/** Runs `body` with a fresh client and measures what it cost on the fake. */
async function measure(fake: FakeReddit, expected: ReportSections, body: (client: RedditClient) => Promise<{ posts: Post[]; warnings: string[] }>): Promise<Measure> {
  const client = clientFor(fake, { userAgent: 'node:ai-trends-bench:0.0.0 (by /u/ai-trends-bot)', timeoutMs: 10_000 });
  const mark = fake.requests.length;
  const started = performance.now();
  const { posts, warnings } = await body(client);
  const ms = performance.now() - started;
  const requests = fake.requests.slice(mark);
  return {
    listings: requests.filter(isListing).length,
    abouts: requests.filter(isAbout).length,
    ms,
    correct: isDeepStrictEqual(buildReport(posts, NOW).sections, expected),
    warnings: warnings.length,
  };
}

/** The reference script's way: three top listings per subreddit, one request after the other. */
async function naive(client: RedditClient): Promise<{ posts: Post[]; warnings: string[] }> {
  const posts: Post[] = [];
  for (const subreddit of defaultSubreddits) {
    for (const t of ['day', 'week', 'month']) {
      const path = `/r/${subreddit}/top`;
      posts.push(...parseListing(await client.getJson(path, { t, limit: 100 }), path).posts);
    }
  }
  return { posts: uniquePosts(posts), warnings: [] };
}

/** Ours, on a fresh SQLite store: a cold collection (with /about checks), then a warm one. */
async function oursColdAndWarm(fake: FakeReddit, expected: ReportSections): Promise<{ cold: Measure; warm: Measure }> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-trends-bench-'));
  const store = await openStore(`sqlite://${join(dir, 'store.sqlite')}`);
  try {
    const run = (client: RedditClient) => collectPosts(client, { subreddits: defaultSubreddits, now: NOW, checks: store.subreddits });
    const cold = await measure(fake, expected, run);
    const warm = await measure(fake, expected, run);
    return { cold, warm };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarize(runs: Measure[]) {
  const ms = runs.map((r) => r.ms);
  return {
    listings: median(runs.map((r) => r.listings)),
    abouts: median(runs.map((r) => r.abouts)),
    ms: median(ms),
    min: Math.min(...ms),
    max: Math.max(...ms),
    correct: runs.every((r) => r.correct),
    warnings: Math.max(...runs.map((r) => r.warnings)),
  };
}

async function main(): Promise<void> {
  // A realistic month and a bit for the 11 default subreddits (the plainer variant of the tests' data).
  const posts = syntheticPosts({ seed: 2026, plain: true }).posts;
  const expected = completeSections(posts);
  const lastDay = posts.filter((p) => p.created_utc > NOW_S - DAY && p.created_utc <= NOW_S).length;
  const fake = await startFakeReddit({ posts, now: NOW_S, latencyMs: LATENCY_MS, rateLimit: { limit: 100_000, windowSeconds: 600 } });
  try {
    console.log(`collection bench: fake Reddit with ${LATENCY_MS} ms latency per answer, ${defaultSubreddits.length} default subreddits,`);
    console.log(`${posts.length} posts over 35 days (${lastDay} in the last 24 h); ${RUNS} runs each, median shown; times include the token request.\n`);

    const cold: Measure[] = [];
    const warm: Measure[] = [];
    const plain: Measure[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so a slow moment of the machine does not fall on one strategy only.
      const ours = await oursColdAndWarm(fake, expected);
      cold.push(ours.cold);
      warm.push(ours.warm);
      plain.push(await measure(fake, expected, naive));
    }

    const rows = [
      { name: 'ours, first run (cold store)', ...summarize(cold) },
      { name: 'ours, warm run (cached /about)', ...summarize(warm) },
      { name: 'naive (3 top listings x 11)', ...summarize(plain) },
    ];
    const header = ['strategy', 'listing req', '/about req', 'median ms', 'min-max ms', 'report = complete'];
    const table = rows.map((r) => [r.name, String(r.listings), String(r.abouts), r.ms.toFixed(0), `${r.min.toFixed(0)}-${r.max.toFixed(0)}`, r.correct ? 'yes' : 'NO']);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of table) console.log(line(row));

    const [c, w, n] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
    console.log('');
    console.log(`listing requests, naive/ours:            ${n.listings}/${c.listings} = ${ratio(n.listings, c.listings)}`);
    console.log(`all API requests (with /about), first:   ${n.listings + n.abouts}/${c.listings + c.abouts} = ${ratio(n.listings + n.abouts, c.listings + c.abouts)}`);
    console.log(`median time, naive/ours first run:       ${n.ms.toFixed(0)}/${c.ms.toFixed(0)} ms = ${ratio(n.ms, c.ms)}`);
    console.log(`median time, naive/ours warm run:        ${n.ms.toFixed(0)}/${w.ms.toFixed(0)} ms = ${ratio(n.ms, w.ms)}`);
    const warned = rows.filter((r) => r.warnings > 0);
    if (warned.length > 0) console.log(`\nwarnings were reported by: ${warned.map((r) => r.name).join(', ')}`);
  } finally {
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

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
import { RedditClient } from '../../src/reddit/client.js';
import { parseListing } from '../../src/reddit/parse.js';
import { buildReport } from '../../src/report/build.js';
import { collectPosts } from '../../src/report/collect.js';
import { uniquePosts } from '../../src/report/select.js';
import { openStore } from '../../src/store/store.js';
import { startFakeReddit, type FakeReddit, type RawPost, type RecordedRequest } from '../fakes/reddit.js';

const RUNS = 3;
const LATENCY_MS = 100;
const NOW_S = 1_770_796_800; // 2026-02-11T08:00:00Z
const NOW = new Date(NOW_S * 1000);
const DAY = 86_400;

// ---------------------------------------------------------------------------------------------------
// A realistic month and a bit for the 11 default subreddits: busy singularity and LocalLLaMA, quiet
// others, heavy-tailed scores, a few NSFW / removed / pinned posts. Deterministic.

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Posts a day and typical score per subreddit. */
const VOLUMES: Record<string, { perDay: number; scale: number }> = {
  singularity: { perDay: 40, scale: 120 },
  LocalLLaMA: { perDay: 50, scale: 90 },
  AI_Agents: { perDay: 9, scale: 12 },
  hackernews: { perDay: 8, scale: 6 },
  MachineLearning: { perDay: 6, scale: 30 },
  LocalLLM: { perDay: 5, scale: 10 },
  LLMDevs: { perDay: 4, scale: 8 },
  datascience: { perDay: 4, scale: 25 },
  LangChain: { perDay: 2, scale: 6 },
  Rag: { perDay: 2, scale: 5 },
  vectordatabase: { perDay: 0.4, scale: 3 },
};

function realisticPosts(seed = 2026, days = 35): RawPost[] {
  const random = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const posts: RawPost[] = [];
  let serial = 0;
  for (const [subreddit, { perDay, scale }] of Object.entries(VOLUMES)) {
    for (let day = 0; day < days; day++) {
      const mean = perDay * (day % 7 === 5 || day % 7 === 6 ? 0.7 : 1.1);
      const count = Math.floor(mean * (0.7 + 0.6 * random()) + random());
      for (let i = 0; i < count; i++) {
        const id = `b${(46_656 + serial++).toString(36)}`;
        const score = Math.max(0, Math.floor(scale * Math.exp(1.3 * normal())));
        const roll = random();
        posts.push({
          id,
          title: `${subreddit} thread ${id}`,
          subreddit,
          score,
          num_comments: Math.floor(score * (0.02 + 0.3 * random()) + 8 * random()),
          created_utc: NOW_S - day * DAY - Math.floor(random() * DAY),
          over_18: roll > 0.98,
          removed_by_category: roll > 0.96 && roll <= 0.98 ? 'moderator' : null,
        });
      }
    }
    posts.push({ id: `pin${serial++}`, title: `${subreddit} rules`, subreddit, score: scale * 80, num_comments: 500, created_utc: NOW_S - 2 * DAY, stickied: true });
  }
  return posts;
}

function completeSections(posts: RawPost[]): ReportSections {
  const visible: Post[] = posts
    .filter((p) => !p.over_18 && !p.stickied && !p.removed_by_category && p.created_utc <= NOW_S)
    .map((p) => ({
      id: p.id,
      title: p.title,
      subreddit: p.subreddit,
      score: p.score,
      numComments: p.num_comments,
      flair: p.link_flair_text ?? null,
      createdAt: new Date(p.created_utc * 1000).toISOString(),
      url: `https://www.reddit.com/comments/${p.id}`,
    }));
  return buildReport(visible, NOW).sections;
}

// ---------------------------------------------------------------------------------------------------

interface Measure {
  listings: number;
  abouts: number;
  ms: number;
  correct: boolean;
  warnings: number;
}

const isListing = (r: RecordedRequest) => /^\/r\/[^/]+\/(new|top|hot)$/.test(r.path);
const isAbout = (r: RecordedRequest) => /^\/r\/[^/]+\/about$/.test(r.path);

function newClient(fake: FakeReddit): RedditClient {
  return new RedditClient({
    credentials: { clientId: 'test-id', clientSecret: 'test-secret' },
    userAgent: 'node:ai-trends-bench:0.0.0 (by /u/ai-trends-bot)',
    authBase: fake.authBase,
    apiBase: fake.apiBase,
    timeoutMs: 10_000,
    maxRetries: 3,
  });
}

/** Runs `body` with a fresh client and measures what it cost on the fake. */
async function measure(fake: FakeReddit, expected: ReportSections, body: (client: RedditClient) => Promise<{ posts: Post[]; warnings: string[] }>): Promise<Measure> {
  const client = newClient(fake);
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
  const posts = realisticPosts();
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

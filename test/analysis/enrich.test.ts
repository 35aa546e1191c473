import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrichPosts, postsToEnrich } from '../../src/analysis/enrich.js';
import type { Report } from '../../src/models.js';
import { apiPostDetails, defaultDetailLimits } from '../../src/reddit/post-details.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { openStore, type Store } from '../../src/store/store.js';
import { loadSamplePosts, startFakeReddit, type FakeReddit, type RawComment } from '../fakes/reddit.js';
import { clientFor } from '../reddit/helpers.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// Enrichment against the fake Reddit over HTTP: bodies and top comments of the day's leading posts,
// bounded, cached in a real SQLite store, and never fatal when one post fails.

let reddit: FakeReddit;
let store: Store;
let report: Report;

const comments = (id: string): RawComment[] => [
  { id: `${id}a`, author: 'AutoModerator', body: 'Rules reminder', score: 1, stickied: true },
  { id: `${id}b`, author: 'alice', body: `Best insight on ${id}: the kernels use grouped GEMM.`, score: 120 },
  { id: `${id}c`, author: '[deleted]', body: '[deleted]', score: 50 },
  { id: `${id}d`, author: 'bob', body: 'x'.repeat(2_000), score: 30 },
  { id: `${id}e`, author: 'summary-bot', body: 'I am a bot', score: 99 },
];

beforeEach(async () => {
  const sample = loadSamplePosts();
  const posts = sample.posts.map((p) => ({ ...p, selftext: `Body of ${p.id}. ` + 'More detail. '.repeat(200) }));
  reddit = await startFakeReddit({ posts, now: sample.now, comments: Object.fromEntries(posts.map((p) => [p.id, comments(p.id)])) });
  store = await openTempStore('live', tempSqliteUrl('ai-trends-enrich-'));
  const local = loadSample();
  report = buildReport(local.posts, local.now);
});

afterEach(async () => {
  await store.close();
  await reddit.close();
});

const client = () => clientFor(reddit, { userAgent: 'node:ai-trends:test (by /u/tester)', maxRetries: 1, sleep: async () => {} });

const commentRequests = () => reddit.requests.filter((r) => r.path.startsWith('/comments/'));

describe('enrichment', () => {
  it('fetches body and top comments of the 15 leading posts, skipping bots and deleted comments, bounded in length', async () => {
    const now = new Date(report.generatedAt);
    const result = await enrichPosts({ report, details: apiPostDetails(client()), cache: store.postDetails, count: 15, limits: defaultDetailLimits, now });
    const leading = postsToEnrich(report, 15);
    expect(leading).toHaveLength(15);
    expect(leading.slice(0, 10).map((p) => p.id)).toEqual(report.sections.today.map((p) => p.id));
    expect(Object.keys(result.details).sort()).toEqual(leading.map((p) => p.id).sort());
    expect(commentRequests()).toHaveLength(15);
    expect(result.warnings).toEqual([]);

    const details = result.details[leading[0]!.id]!;
    expect(details.selftext.startsWith(`Body of ${leading[0]!.id}.`)).toBe(true);
    expect(details.selftext.length).toBeLessThanOrEqual(defaultDetailLimits.selftextChars + 2);
    expect(details.topComments.map((c) => c.author)).toEqual(['alice', 'bob']);
    expect(details.topComments[1]!.body.length).toBeLessThanOrEqual(defaultDetailLimits.commentChars + 2);
  });

  it('serves details fetched earlier the same day from the store', async () => {
    const now = new Date(report.generatedAt);
    await enrichPosts({ report, details: apiPostDetails(client()), cache: store.postDetails, count: 5, limits: defaultDetailLimits, now });
    const before = commentRequests().length;
    const again = await enrichPosts({ report, details: apiPostDetails(client()), cache: store.postDetails, count: 5, limits: defaultDetailLimits, now });
    expect(commentRequests().length).toBe(before);
    expect(Object.keys(again.details)).toHaveLength(5);
  });

  it('a post whose comments cannot be fetched costs a warning, not the enrichment', async () => {
    const failing = report.sections.today[2]!.id;
    reddit.inject(`/comments/${failing}`, { kind: 'status', status: 503 }, 5);
    const now = new Date(report.generatedAt);
    const result = await enrichPosts({ report, details: apiPostDetails(client()), cache: store.postDetails, count: 5, limits: defaultDetailLimits, now });
    expect(Object.keys(result.details)).toHaveLength(4);
    expect(result.details).not.toHaveProperty(failing);
    expect(result.warnings).toEqual([`comments of 1 post(s) could not be fetched (${failing}); the analysis used their titles only`]);
  });

  it('without a Reddit client (the sample) it enriches nothing and asks nobody', async () => {
    const result = await enrichPosts({ report, cache: store.postDetails, count: 15, limits: defaultDetailLimits, now: new Date(report.generatedAt) });
    expect(result).toEqual({ details: {}, warnings: [] });
    expect(reddit.requests).toHaveLength(0);
  });
});

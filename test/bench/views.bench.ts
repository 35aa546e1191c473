// `npm run bench` (issue 20): Reddit requests and LLM calls for the morning post to 1,000 channels spread over
// 10 distinct report views, against the same 1,000 channels on one view. Real DailyReports, analysis step and
// minute pass; the fake Reddit and the fake Claude count the requests; the posts go to the in-memory chat
// platform (the fan-out itself is measured by fanout.bench.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { createClaude } from '../../src/llm/claude.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { redditSource } from '../../src/report/source.js';
import { viewKey } from '../../src/report/view.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import type { Subscription } from '../../src/store/records.js';
import { openStore } from '../../src/store/store.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { startFakeAnthropic, type RecordedMessageRequest, type ScriptedReply } from '../fakes/anthropic.js';
import { loadSamplePosts, startFakeReddit } from '../fakes/reddit.js';
import { makeFollowUps } from '../followup/helpers.js';
import { samplePassDeps, subscribeChannels } from '../helpers/morning.js';
import { clientFor } from '../reddit/helpers.js';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 1000);
const COMMUNITIES = ['singularity', 'LocalLLaMA', 'AI_Agents', 'LocalLLM', 'MachineLearning', 'Rag', 'datascience'];
const NOW = new Date('2026-02-11T08:00:30Z');
const sample = loadSamplePosts();
const ids = sample.posts.map((p) => p.id);
const subredditOf = new Map(sample.posts.map((p) => [p.id, p.subreddit]));

/** The fake model's analysis: grounded on the first post its prompt shows. */
function analysisFor(request: RecordedMessageRequest): ScriptedReply {
  const text = JSON.stringify(request.body.messages);
  const id = ids.find((i) => text.includes(i))!;
  const sections = {
    highlights: [{ theme: 'Theme', items: [{ name: 'Item', summary: 'Summary.', whyItMatters: 'Why.', postIds: [id] }] }],
    weekly: { persistent: [], emerging: [], fading: [] },
    monthly: [],
    deepDive: { title: 'Deep dive', postId: id, body: [{ text: 'Body.', postIds: [id] }] },
    communityHighlights: { communities: [{ subreddit: subredditOf.get(id)!, focus: [{ text: 'Focus.', postIds: [id] }] }], crossCutting: [], niche: [] },
  };
  return { kind: 'message', content: [{ type: 'text', text: JSON.stringify(sections) }] };
}

/** Ten distinct views: communities, topics, languages and a weekly digest. */
const TEN_VIEWS: Array<Partial<Subscription>> = [
  {},
  { communities: ['LocalLLaMA', 'LocalLLM'] },
  { communities: ['MachineLearning'] },
  { communities: ['singularity'], topics: ['-video'] },
  { topics: ['+agents', '+rag'] },
  { language: 'pt-BR' },
  { language: 'de', communities: ['LocalLLaMA'] },
  { communities: ['AI_Agents', 'Rag'] },
  { topics: ['+claude'] },
  { communities: ['singularity', 'MachineLearning'], language: 'ja' },
];

async function run(views: Array<Partial<Subscription>>): Promise<{ reddit: number; llm: number; distinct: number; posts: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-trends-views-bench-'));
  const store = await openStore(`sqlite://${join(dir, 'store.sqlite')}`, 'live');
  const reddit = await startFakeReddit({ posts: sample.posts, now: sample.now, rateLimit: { limit: 100_000, windowSeconds: 600 } });
  const anthropic = await startFakeAnthropic();
  anthropic.setDefault({ kind: 'handler', handle: analysisFor });
  try {
    const claude = createClaude({ apiKey: 'bench', baseURL: anthropic.baseURL, model: 'claude-sonnet-5-5', timeoutMs: 10_000, maxRetries: 0 });
    const steps = [createAnalysisStep({ store, claude, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } })];
    const reports = new DailyReports(store, redditSource(clientFor(reddit, { sleep: () => Promise.resolve() }), COMMUNITIES, store.subreddits, 3), steps);
    for (let i = 0; i < CHANNELS; i++) await subscribeChannels(store, 'discord', 'G1', [`C${i}`], views[i % views.length]);
    const chat = new FakeChatAdapter();
    const started = performance.now();
    const deps = { ...samplePassDeps({ store, reports, chats: { discord: chat }, followUps: makeFollowUps({ store }), log: createLogger('silent') }), settings: { graceMs: 6 * 3_600_000, prepareMs: 0, concurrency: 8, claimTtlMs: 600_000 } };
    const items = await deliveryPass(deps, { now: NOW });
    const ms = performance.now() - started;
    const distinct = new Set(views.map((v) => viewKey({ communities: v.communities, topics: v.topics, language: v.language }))).size;
    return { reddit: reddit.requests.length, llm: anthropic.requests.filter((r) => r.path === '/v1/messages').length, distinct, posts: items.filter((i) => i.outcome === 'posted').length, ms };
  } finally {
    await store.close();
    await reddit.close();
    await anthropic.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const one = await run([{}]);
const ten = await run(TEN_VIEWS);
console.log(`Report views: the morning post to ${CHANNELS} channels (one minute pass, in-memory chat platform)`);
console.log(`  1 view:   ${one.posts} posts, ${one.reddit} Reddit requests, ${one.llm} LLM analysis call(s), pass ${(one.ms / 1000).toFixed(1)} s`);
console.log(`  10 views: ${ten.posts} posts, ${ten.reddit} Reddit requests, ${ten.llm} LLM analysis call(s) (${ten.distinct} distinct views), pass ${(ten.ms / 1000).toFixed(1)} s`);
console.log('  (Reddit is read once a day whatever the views; the model is paid once per distinct view, never per channel)\n');

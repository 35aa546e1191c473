// `npx tsx test/bench/followup.bench.ts`: numbers for the follow-up closing note, on the bundled sample.
//
//   1. Prompt caching: five questions in one thread against the fake Anthropic (real SDK over HTTP).
//      For each: the input tokens of the request the fake received, the part up to the cache breakpoint
//      (`cacheableTokens`), and the usage it reported (cache writes and reads). The fake counts tokens
//      as ceil(chars / 4), so absolute numbers are estimates; the ratios are what matter.
//   2. Cost per 100 follow-up questions on Sonnet 5.5 and on Haiku 5.5 (ANTHROPIC_FOLLOWUP_MODEL): the
//      same 5-question thread against the fake for each model, priced with src/llm/prices.ts, with the
//      fake's token counts and a fixed answer length (ANSWER_TOKENS, a five-line chat answer); 100
//      questions = 20 such threads, each writing its cache once and reading it four times.
//   3. Offline answer latency: FollowUps.answer with no Claude (the whole path: store reads, limit
//      counters, BM25, thread append on SQLite), and the BM25 answer alone; median of RUNS.
//
// Both run on the sample report as `ai-trends report --sample` builds it (with the offline analysis).
import { performance } from 'node:perf_hooks';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { buildContext } from '../../src/followup/context.js';
import { FollowUps } from '../../src/followup/index.js';
import { offlineAnswer } from '../../src/followup/offline.js';
import { createClaude } from '../../src/llm/claude.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { loadSample } from '../../src/sample/sample.js';
import { startFakeAnthropic } from '../fakes/anthropic.js';
import { ask as askIn, bindTo as bindIn } from '../followup/helpers.js';
import { openTempStore } from '../helpers/store.js';

const RUNS = 50;
const limits = { userQuestionsPerHour: 1_000, channelQuestionsPerHour: 10_000, dailyTokenBudget: 100_000_000, maxAnswerTokens: 700, answerDeadlineMs: 120_000 };
const questions = [
  'What stands out today?',
  'Which of these posts is about agents?',
  'What do people think of the new Claude model?',
  'Anything on local models or RAG?',
  'Summarise the week in two lines.',
];
const where = { platform: 'console' as const, workspaceId: 'bench', channelId: 'bench', threadId: 'bench-1' };
const bindTo = (date: string, more = {}) => bindIn(date, { ...where, ...more });
const ask = (text: string, more: { threadId?: string; userId?: string } = {}) => askIn(text, { ...where, ...more });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const n = (value: number) => value.toLocaleString('en-US');

const store = await openTempStore();
const sample = loadSample();
const reports = new DailyReports(store, sampleSource(), [createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } })]);
const { report } = await reports.get({ now: sample.now });
const clock = () => new Date('2026-02-11T09:00:00Z');

// ---- 1. Prompt caching -------------------------------------------------------------------------------
const fake = await startFakeAnthropic({ minCacheableTokens: 1024 });
fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'A short answer of a sentence or two, as chat answers should be.' }] });
const claude = createClaude({ apiKey: 'bench', baseURL: fake.baseURL, model: 'claude-sonnet-5-5', timeoutMs: 10_000, maxRetries: 0 });
const online = new FollowUps({ store, claude, limits, clock });
await online.bindThread(bindTo(report.date));
console.log(`Prompt caching, 5 questions in one thread on the ${report.date} sample report (analysis: ${report.analysis?.source ?? 'none'})`);
console.log('  #  input tokens  cacheable  share   usage: uncached in / cache write / cache read / out');
for (const [i, question] of questions.entries()) {
  const answer = await online.answer(ask(question, { userId: 'u' }));
  const request = fake.requests[i]!;
  const u = answer.usage!;
  console.log(
    `  ${i + 1}  ${n(request.inputTokens).padStart(12)}  ${n(request.cacheableTokens).padStart(9)}  ${((100 * request.cacheableTokens) / request.inputTokens).toFixed(1).padStart(5)}%` +
      `   ${n(u.inputTokens)} / ${n(u.cacheCreationInputTokens)} / ${n(u.cacheReadInputTokens)} / ${n(u.outputTokens)}  ($${u.estimatedCostUsd?.toFixed(5)})`,
  );
}
await fake.close();

// ---- 2. Cost per 100 questions, per model -------------------------------------------------------------
const ANSWER_TOKENS = 250;
console.log(`\nCost per 100 follow-up questions (20 threads of the 5 questions above; ${ANSWER_TOKENS} output tokens an answer; fake token counts)`);
for (const model of ['claude-sonnet-5-5', 'claude-haiku-5-5']) {
  const priced = await startFakeAnthropic({ minCacheableTokens: 1024 });
  priced.setDefault({ kind: 'message', content: [{ type: 'text', text: 'A short answer of a sentence or two, as chat answers should be.' }], usage: { output_tokens: ANSWER_TOKENS } });
  const followUps = new FollowUps({ store, claude: createClaude({ apiKey: 'bench', baseURL: priced.baseURL, model, timeoutMs: 10_000, maxRetries: 0 }), limits, clock });
  const threadId = `cost-${model}`;
  await followUps.bindThread(bindTo(report.date, { threadId }));
  let usd = 0;
  let tokens = 0;
  for (const question of questions) {
    const u = (await followUps.answer(ask(question, { threadId, userId: 'cost' }))).usage!;
    usd += u.estimatedCostUsd ?? Number.NaN;
    tokens += u.inputTokens + u.cacheCreationInputTokens + u.cacheReadInputTokens + u.outputTokens;
  }
  const per100 = (usd * 100) / questions.length;
  console.log(`  ${model.padEnd(18)} $${per100.toFixed(3)} per 100 questions ($${(per100 / 100).toFixed(5)} each; ${n(Math.round(tokens / questions.length))} tokens a question)`);
  await priced.close();
}

// ---- 3. Offline latency ---------------------------------------------------------------------------------
const offline = new FollowUps({ store, limits, clock });
const timesFull: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const id = `offline-${i}`;
  await offline.bindThread(bindTo(report.date, { threadId: id }));
  const started = performance.now();
  const answer = await offline.answer(ask(questions[i % questions.length]!, { threadId: id, userId: `u${i}` }));
  timesFull.push(performance.now() - started);
  if (answer.source !== 'offline') throw new Error(`expected an offline answer, got ${answer.source}`);
}
const context = await buildContext(report, questions[1]!, { store, now: clock() });
const timesBm25: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  offlineAnswer(questions[i % questions.length]!, context, 'no-claude');
  timesBm25.push(performance.now() - started);
}
console.log(`\nOffline answers on the sample report (${context.sources.length} posts), ${RUNS} runs:`);
console.log(`  FollowUps.answer (SQLite store, limits, thread) median ${median(timesFull).toFixed(2)} ms, max ${Math.max(...timesFull).toFixed(2)} ms`);
console.log(`  BM25 answer alone                             median ${median(timesBm25).toFixed(3)} ms`);
await store.close();

import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../../src/store/records.js';
import { createLogger } from '../../src/log.js';
import { morningPostDeps } from '../../src/main.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import { SAMPLE_NOW } from '../commands/helpers.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedMessageRequest, type ScriptedReply } from '../fakes/anthropic.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { loadSamplePosts, startFakeReddit, type FakeReddit } from '../fakes/reddit.js';
import { subscribeChannels } from '../helpers/morning.js';
import { apiRequests } from '../reddit/helpers.js';
import { get, getUntil, startObserved, type Observed } from '../health/helpers.js';
import { parseMetrics, valueOf } from './prometheus-text.js';

// GET /metrics after real work, as `ai-trends start` wires it: a report built from the fake Reddit (one
// 429 on the way) with Claude's analysis from the fake Anthropic, a morning post and a /trends on the
// real discord.js client against the fake Discord, follow-up answers by Claude and a refusal.

let reddit: FakeReddit | undefined;
let anthropic: FakeAnthropic | undefined;
let discord: FakeDiscord | undefined;
let observed: Observed | undefined;
afterEach(async () => {
  await observed?.stop();
  await Promise.allSettled([reddit?.close(), anthropic?.close(), discord?.close()]);
  reddit = anthropic = discord = observed = undefined;
});

/** A grounded analysis citing the first post of the data Claude was sent. */
const analysisAnswer: ScriptedReply = {
  kind: 'handler',
  handle(request: RecordedMessageRequest): ScriptedReply {
    const data = JSON.stringify(request.body.messages);
    const id = /\\"id\\":\\"([a-z0-9]+)\\"/.exec(data)?.[1];
    if (!id) throw new Error('no post id in the analysis request');
    const sections = {
      highlights: [{ theme: 'Models', items: [{ name: 'The day\'s top story', summary: 'It led the day.', whyItMatters: 'Many people read it.', postIds: [id] }] }],
      weekly: { persistent: [], emerging: [], fading: [] },
      monthly: [],
      deepDive: null,
      communityHighlights: { communities: [], crossCutting: [], niche: [] },
    };
    return { kind: 'message', content: [{ type: 'text', text: JSON.stringify(sections) }] };
  },
};

describe('GET /metrics', () => {
  it('counts reports by analysis source, Reddit requests by outcome with the 429 and its retry, deliveries, follow-ups, tokens and cost by provider, and command latency', async () => {
    const sample = loadSamplePosts();
    reddit = await startFakeReddit({ posts: sample.posts, now: sample.now });
    reddit.inject('/r/', { kind: 'status', status: 429, retryAfterSeconds: 1 }, 1);
    anthropic = await startFakeAnthropic();
    anthropic.enqueue(analysisAnswer, { kind: 'message', content: [{ type: 'text', text: 'The top story led the day.' }] });
    discord = await startFakeDiscord();
    observed = await startObserved(
      {
        REDDIT_CLIENT_ID: 'test-id',
        REDDIT_CLIENT_SECRET: 'test-secret',
        REDDIT_API_BASE: reddit.apiBase,
        REDDIT_AUTH_BASE: reddit.authBase,
        REDDIT_SUBREDDITS: 'singularity,LocalLLaMA,AI_Agents,LocalLLM,MachineLearning,Rag,datascience',
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: anthropic.baseURL,
        ANTHROPIC_MAX_RETRIES: '0',
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_BASE: discord.apiBase,
        HEALTH_PORT: '0',
      },
      { sample: false },
    );
    const { app, platforms } = observed;
    const base = `http://127.0.0.1:${observed.served!.port}`;

    // Before any work: the metrics exist at zero, with Node's process metrics beside them.
    const empty = await get(base, '/metrics');
    expect(empty.status).toBe(200);
    expect(empty.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(parseMetrics(empty.text), 'ai_trends_reddit_retries_total')).toBe(0);
    expect(valueOf(parseMetrics(empty.text), 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const { report } = await app.reports.get({ now: SAMPLE_NOW });
    expect(report.analysis?.source).toBe('claude');

    await subscribeChannels(app.store, 'discord', discord.guildId, [discord.channelId]);
    const items = await deliveryPass(morningPostDeps(app, platforms, { log: createLogger('silent') }), { now: SAMPLE_NOW });
    expect(items.map((i) => i.outcome)).toEqual(['posted']);
    const delivered = (await app.store.deliveries.get(`discord:${discord.channelId}:2026-02-11`)) as DeliveryRecord;

    const thread = { platform: 'discord' as const, workspaceId: discord.guildId, channelId: discord.channelId, threadId: delivered.threadId! };
    const answered = await app.followUps.answer({ target: thread, userId: 'U1', text: 'what led the day?' });
    expect(answered.source).toBe('claude');
    const refused = await app.followUps.answer({ target: { ...thread, threadId: '999' }, userId: 'U1', text: 'and this thread?' });
    expect(refused.source).toBe('refused');

    discord.slashCommand({ name: 'trends' });
    const text = (await getUntil(base, '/metrics', (r) => /ai_trends_command_duration_seconds_count\{[^}]*command="trends"/.test(r.text))).text;
    const metrics = parseMetrics(text);

    expect(valueOf(metrics, 'ai_trends_reports_built_total', { analysis: 'claude' })).toBe(1);

    // Every request the fake Reddit saw is counted once: the 429, and the rest answered.
    expect(valueOf(metrics, 'ai_trends_reddit_requests_total', { outcome: 'rate_limited' })).toBe(1);
    expect(valueOf(metrics, 'ai_trends_reddit_retries_total')).toBe(1);
    expect(valueOf(metrics, 'ai_trends_reddit_requests_total', { outcome: 'ok' })).toBe(apiRequests(reddit).length - 1);

    expect(valueOf(metrics, 'ai_trends_deliveries_total', { platform: 'discord', outcome: 'posted' })).toBe(1);
    expect(valueOf(metrics, 'ai_trends_followups_total', { source: 'claude' })).toBe(1);
    expect(valueOf(metrics, 'ai_trends_followups_total', { source: 'refused' })).toBe(1);

    const llm = { provider: 'anthropic', model: 'claude-sonnet-5-5' };
    const analysisUsage = report.analysis!.usage!;
    const answerUsage = answered.usage!;
    expect(valueOf(metrics, 'ai_trends_llm_tokens_total', { ...llm, purpose: 'analysis', kind: 'input' })).toBe(analysisUsage.inputTokens);
    expect(valueOf(metrics, 'ai_trends_llm_tokens_total', { ...llm, purpose: 'analysis', kind: 'output' })).toBe(analysisUsage.outputTokens);
    expect(valueOf(metrics, 'ai_trends_llm_tokens_total', { ...llm, purpose: 'followup', kind: 'input' })).toBe(answerUsage.inputTokens);
    expect(valueOf(metrics, 'ai_trends_llm_tokens_total', { ...llm, purpose: 'followup', kind: 'output' })).toBe(answerUsage.outputTokens);
    expect(analysisUsage.inputTokens).toBeGreaterThan(1000);
    expect(valueOf(metrics, 'ai_trends_llm_cost_usd_total', { ...llm, purpose: 'analysis' })).toBeCloseTo(analysisUsage.estimatedCostUsd!, 9);
    expect(valueOf(metrics, 'ai_trends_llm_cost_usd_total', { ...llm, purpose: 'followup' })).toBeCloseTo(answerUsage.estimatedCostUsd!, 9);

    // /trends read the stored report: counted in the latency histogram (platform and command), built no second report.
    expect(valueOf(metrics, 'ai_trends_command_duration_seconds_count', { command: 'trends', platform: 'discord' })).toBe(1);
    expect(valueOf(metrics, 'ai_trends_command_duration_seconds_bucket', { command: 'trends', platform: 'discord', le: '+Inf' })).toBe(1);
    expect(valueOf(metrics, 'ai_trends_reports_built_total', { analysis: 'claude' })).toBe(1);
  }, 60_000);
});

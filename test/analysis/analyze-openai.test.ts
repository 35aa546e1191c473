import { afterEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { postsToEnrich } from '../../src/analysis/enrich.js';
import { openAISystemPrompt } from '../../src/analysis/openai-analyst.js';
import { systemPrompt } from '../../src/analysis/prompt.js';
import { reportPosts } from '../../src/analysis/report-posts.js';
import { analysisJsonSchema } from '../../src/analysis/schema.js';
import type { AnalysisSections } from '../../src/models/analysis.js';
import { createOpenAI } from '../../src/llm/openai.js';
import type { Report, PostDetails } from '../../src/models.js';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../fakes/openai.js';
import { LOCAL_MODEL } from '../followup/helpers.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// The analysis step with an OpenAI-compatible server (the real `openai` package against the fake) and a
// real SQLite store: Claude's prompt, schema and grounding, structured output where the server has it,
// JSON read out of prose where it does not, one repair, and the offline analyst when all that fails.

const sample = loadSample();
const report: Report = buildReport(sample.posts, sample.now);
const now = () => new Date(report.generatedAt);
let fake: FakeOpenAI | undefined;
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  await fake?.close();
  store = fake = undefined;
});

async function setUp(options: { fake?: FakeOpenAIOptions; contextTokens?: number; price?: { input: number; output: number } } = {}) {
  fake = await startFakeOpenAI(options.fake);
  store = await openTempStore('live', tempSqliteUrl('ai-trends-openai-analysis-'));
  const openai = createOpenAI({ baseURL: fake.baseURL, model: LOCAL_MODEL, contextTokens: options.contextTokens ?? 16_384, timeoutMs: 5_000, maxRetries: 0, price: options.price });
  return { fake, store, step: createAnalysisStep({ store, openai, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } }) };
}

const second = () => report.sections.today[1]!;

/** A well-formed analysis citing real posts of the sample. */
function goodSections(): AnalysisSections {
  return {
    highlights: [
      {
        theme: 'Video generation',
        items: [{ name: 'Seedance 2.0 goes viral', summary: 'A Seedance 2.0 clip circulated widely.', whyItMatters: 'Video models now pass casual inspection.', postIds: [second().id], commenters: [] }],
      },
    ],
    weekly: { persistent: [], emerging: [], fading: [] },
    monthly: [{ text: 'Robotics led the month, video generation the week.', postIds: [report.sections.month[0]!.id] }],
    deepDive: { title: 'MoE training kernels', postId: '1r14h9u', body: [{ text: 'Grouped GEMM kernels cut memory.', postIds: ['1r14h9u'] }] },
    communityHighlights: { communities: [{ subreddit: 'LocalLLaMA', focus: [{ text: 'Local training efficiency.', postIds: ['1r14h9u'] }] }], crossCutting: [], niche: [] },
  };
}

const messagesOf = (i: number) => fake!.requests[i]!.body.messages as Array<{ role: string; content: string }>;

describe('analysis on an OpenAI-compatible server', () => {
  it('asks for json_schema structured output with Claude\'s prompt and schema, and keeps the grounded answer', async () => {
    const { step } = await setUp();
    fake!.enqueue({ kind: 'json', value: goodSections() });
    const result = await step(report, now());
    const analysis = result.analysis!;
    expect(result.warnings).toEqual([]);
    expect(analysis.source).toBe('openai');
    expect(analysis.model).toBe(LOCAL_MODEL);
    expect(analysis.citations[second().id]).toMatchObject({ id: second().id, title: second().title, score: second().score, url: second().url });
    expect(analysis.sections.highlights[0]!.items[0]!.name).toBe('Seedance 2.0 goes viral');
    // Counted, and free without prices.
    expect(analysis.usage).toMatchObject({ inputTokens: fake!.requests[0]!.promptTokens, estimatedCostUsd: 0 });
    expect(analysis.usage!.outputTokens).toBeGreaterThan(10);

    const request = fake!.requests[0]!.body;
    expect(fake!.requests).toHaveLength(1);
    expect(request.model).toBe(LOCAL_MODEL);
    expect(request.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'trend_analysis', schema: analysisJsonSchema, strict: true } });
    const [system, user] = messagesOf(0);
    expect(system!.role).toBe('system');
    expect(system!.content).toBe(openAISystemPrompt('en'));
    expect(system!.content.startsWith(systemPrompt('en'))).toBe(true);
    for (const post of reportPosts(report)) expect(user!.content).toContain(`"id":"${post.id}"`);
    expect(request.max_tokens).toBe(Math.floor(16_384 / 3));

    const md = renderMarkdownReport(result);
    expect(md).toContain('## Trend Analysis');
    expect(md).not.toContain('Automatic summary');
  });

  it('reads the JSON out of prose and a code fence when the model ignores the schema', async () => {
    const { step } = await setUp();
    fake!.enqueue({ kind: 'prose-json', value: goodSections() });
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('openai');
    expect(result.analysis!.sections.deepDive?.title).toBe('MoE training kernels');
    expect(fake!.requests).toHaveLength(1);
  });

  it('asks again without response_format when the server refuses json_schema (400)', async () => {
    const { step } = await setUp({ fake: { supportsJsonSchema: false } });
    fake!.enqueue({ kind: 'json', value: goodSections() });
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('openai');
    expect(fake!.requests.map((r) => r.jsonSchema)).toEqual([true, false]);
    // Without structured output the schema still reaches the model, in the system prompt.
    expect(messagesOf(1)[0]!.content).toContain(JSON.stringify(analysisJsonSchema));
  });

  it('repairs once: a garbled first answer, then a good one', async () => {
    const { step } = await setUp();
    fake!.enqueue({ kind: 'message', content: 'Here are the trends: {"highlights": [oops' }, { kind: 'json', value: goodSections() });
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('openai');
    expect(result.warnings).toEqual([]);
    expect(fake!.requests).toHaveLength(2);
    expect(messagesOf(1).at(-1)!.content).toMatch(/Your previous answer could not be used: the analysis was not valid JSON/);
    // Both calls are counted.
    expect(result.analysis!.usage!.inputTokens).toBe(fake!.requests[0]!.promptTokens + fake!.requests[1]!.promptTokens);
  });

  it('garbage twice: the offline analyst, a warning naming the model, and the tokens spent', async () => {
    const { step } = await setUp();
    fake!.enqueue({ kind: 'message', content: 'I am a helpful assistant and I love trends.' }, { kind: 'message', content: '{"highlights": "none", "weekly": 3}' });
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('offline');
    expect(fake!.requests).toHaveLength(2);
    expect(result.warnings).toEqual([
      `${LOCAL_MODEL} analysis unavailable (the analysis JSON did not match the schema (highlights: Invalid input: expected array, received string), twice); this report carries the automatic summary instead`,
    ]);
    expect(result.analysis!.usage!.outputTokens).toBeGreaterThan(0);
    expect(renderMarkdownReport(result)).toContain('Automatic summary');
  });

  it('a 500: the offline analyst and a warning', async () => {
    const { step } = await setUp();
    fake!.setDefault({ kind: 'status', status: 500 });
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('offline');
    expect(result.warnings).toEqual([`${LOCAL_MODEL} analysis unavailable (${LOCAL_MODEL} answered 500); this report carries the automatic summary instead`]);
  });

  it('an answer cut at max_tokens is not repaired: the offline analyst, saying why', async () => {
    const { step } = await setUp();
    fake!.enqueue({ kind: 'message', content: '{"highlights": [', finishReason: 'length' });
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('offline');
    expect(fake!.requests).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/the analysis was cut off at 5461 tokens/);
  });

  it('prices OPENAI_PRICE_INPUT/OUTPUT when set', async () => {
    const { step } = await setUp({ price: { input: 1, output: 2 } });
    fake!.enqueue({ kind: 'json', value: goodSections() });
    const usage = (await step(report, now())).analysis!.usage!;
    expect(usage.estimatedCostUsd).toBeCloseTo((usage.inputTokens * 1 + usage.outputTokens * 2) / 1_000_000, 6);
    expect(usage.estimatedCostUsd).toBeGreaterThan(0);
  });
});

describe('a small context window', () => {
  /** Long bodies and comments for the day's 15 leading posts, cached so enrichment finds them. */
  async function cacheDetails(store: Store): Promise<string[]> {
    const posts = postsToEnrich(report, 15);
    for (const [rank, post] of posts.entries()) {
      const details: PostDetails = {
        id: post.id,
        selftext: `Body of post ${rank} (synthetic). ${'Details about the release, the benchmark and the VRAM it needs. '.repeat(15)}`,
        topComments: [1, 2, 3].map((n) => ({ author: `user${n}`, score: 100 - n, body: `Comment ${n} on post ${rank} (synthetic). ${'I tried it and it works on my GPU. '.repeat(8)}` })),
        fetchedAt: report.generatedAt,
      };
      await store.postDetails.set(post.id, details);
    }
    return posts.map((p) => p.id);
  }

  it('cuts comments, then the body, of the lowest-ranked post first, and so up, until the prompt fits', async () => {
    // The fake refuses a prompt over its window, as vLLM does.
    const { step, store } = await setUp({ fake: { contextTokens: 12_000 }, contextTokens: 12_000 });
    await cacheDetails(store);
    fake!.enqueue({ kind: 'json', value: goodSections() });
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('openai');
    const user = messagesOf(0)[1]!.content;
    expect(user).toContain('Body of post 0 (synthetic)');
    expect(user).toContain('Comment 1 on post 0 (synthetic)');
    expect(user).not.toContain('Comment 1 on post 14 (synthetic)');
    expect(user).not.toContain('Body of post 14 (synthetic)');
  });

  it('without trimming the same day overflows that window (the trimming is what makes it fit)', async () => {
    const { step, store } = await setUp({ fake: { contextTokens: 12_000 }, contextTokens: 200_000 });
    await cacheDetails(store);
    fake!.enqueue({ kind: 'json', value: goodSections() });
    const result = await step(report, now());
    expect(messagesOf(0)[1]!.content).toContain('Comment 3 on post 14 (synthetic)');
    expect(result.analysis!.source).toBe('offline');
    expect(result.warnings[0]).toMatch(new RegExp(`${LOCAL_MODEL} analysis unavailable \\(${LOCAL_MODEL} answered 400\\)`));
  });
});

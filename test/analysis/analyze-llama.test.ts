import { afterEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { offlineAnalysis } from '../../src/analysis/analyze.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { createOpenAI, type OpenAISettings } from '../../src/llm/openai.js';
import type { Report } from '../../src/models.js';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import type { Store } from '../../src/store/store.js';
import { startFakeLlamaServer, type FakeLlamaOptions, type FakeLlamaServer } from '../fakes/llama-server.js';
import type { ScriptedReply } from '../fakes/openai.js';
import { LOCAL_MODEL } from '../followup/helpers.js';
import { memoryLog } from '../helpers/memory-log.js';
import { fitToSchema, requestSchema } from '../helpers/model-answer.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// The analysis against a fake llama-server that behaves as a small model on a CPU does (test/fakes/
// llama-server.ts): the context it tells in /props, its tokenizer, a 500 when a grammar-constrained answer
// runs out of max_tokens, a 400 exceed_context_size_error with its numbers, a slow read of the prompt.
// The real `openai` package over HTTP; the analysis comes from the model when it can, and the warning names
// the real cause when it cannot.

const sample = loadSample();
const report: Report = buildReport(sample.posts, sample.now);
const now = () => new Date(report.generatedAt);
// What a model writes, as the grammar of each request's bounded schema lets it: the offline analyst's
// structure (real post ids in every place), in sentences of its own without figures.
const sentence = 'Practitioners compare it with what came before and ask what it needs to run.';
const plain = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(plain)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ['text', 'summary', 'whyItMatters'].includes(k) ? sentence : plain(v)]))
      : value;
const written = plain(offlineAnalysis({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' }).sections);
const model: ScriptedReply = { kind: 'handler', handle: (request) => ({ kind: 'json', value: fitToSchema(written, requestSchema(request.body)) }) };

let fake: FakeLlamaServer | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  await fake?.close();
  store = fake = undefined;
});

async function setUp(server: FakeLlamaOptions, settings: Partial<OpenAISettings> = {}) {
  fake = await startFakeLlamaServer(server);
  store = await openTempStore('live', tempSqliteUrl('ai-trends-llama-'));
  const logged = memoryLog();
  const openai = createOpenAI({ baseURL: fake.baseURL, model: LOCAL_MODEL, contextTokens: 16_384, timeoutMs: 5_000, maxRetries: 0, ...settings }, logged.log);
  const step = createAnalysisStep({ store, openai, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 }, log: logged.log });
  return { step, logged };
}

const analysisRequests = () => fake!.requests.filter((r) => r.jsonSchema);

describe('the analysis on a llama-server with an 8k context', () => {
  it('fits the server’s own context, not OPENAI_CONTEXT_TOKENS: written in parts, every section by the model, every request within n_ctx', async () => {
    const { step, logged } = await setUp({ nCtx: 8_192 });
    fake!.setDefault(model);
    const result = await step(report, now());
    expect(result.warnings).toEqual([]);
    expect(result.analysis!.source).toBe('openai');
    expect(result.analysis!.offlineSections).toBeUndefined();
    expect(result.analysis!.sections.highlights.length).toBeGreaterThan(0);
    expect(result.analysis!.sections.deepDive).not.toBeNull();
    // Two parts, each with its own schema: the day's sections share their posts, the week and month read the
    // comparison; prompt and allowance within the slot's context.
    expect(analysisRequests().map((r) => Object.keys((requestSchema(r.body) as { properties: object }).properties))).toEqual([['highlights', 'deepDive', 'communityHighlights'], ['weekly', 'monthly']]);
    for (const request of analysisRequests()) expect(request.promptTokens + request.body.max_tokens).toBeLessThanOrEqual(8_192);
    // It asked the server what it is and counted with its tokenizer; the setting's disagreement is logged.
    expect(fake!.probes[0]).toBe('/props');
    expect(fake!.probes).toContain('/tokenize');
    expect(logged.text()).toContain('OPENAI_CONTEXT_TOKENS is 16,384 but the server gives each request 8,192 tokens');
    expect(renderMarkdownReport(result)).not.toContain('Automatic summary');
  });

  it('an answer that runs out of max_tokens under the grammar (llama-server’s 500): that section is the automatic summary, the cut said in words, its tokens counted, never the same request again', async () => {
    const { step } = await setUp({ nCtx: 8_192 });
    // The highlights ramble on past their allowance (a model that ignores the bounds' spirit); the rest is fine.
    const long = { highlights: [{ theme: 'Everything', items: [{ name: 'x', summary: 'word '.repeat(4_000), whyItMatters: '', postIds: [], commenters: [] }] }] };
    fake!.setDefault({ kind: 'handler', handle: (request) => (Object.keys((requestSchema(request.body) as { properties: object }).properties)[0] === 'highlights' ? { kind: 'message', content: JSON.stringify(long) } : (model.handle(request) as ScriptedReply)) });
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('openai');
    expect(result.analysis!.offlineSections).toEqual(['highlights']);
    // The day's shared part was cut; its sections were then asked one by one, and only the highlights rambled again.
    const highlights = analysisRequests().filter((r) => 'highlights' in (requestSchema(r.body) as { properties: object }).properties);
    expect(highlights.map((r) => Object.keys((requestSchema(r.body) as { properties: object }).properties))).toEqual([['highlights', 'deepDive', 'communityHighlights'], ['highlights']]);
    const allowance = highlights[1]!.body.max_tokens as number;
    expect(result.warnings).toEqual([
      `${LOCAL_MODEL} could not write all of the analysis (the highlights: the answer was cut off at its ${allowance.toLocaleString('en-US')}-token allowance (max_tokens) before its JSON was complete); those sections are the automatic summary`,
    ]);
    // The cut attempt is paid for: its prompt and all of its allowance are in the usage.
    expect(result.analysis!.usage!.inputTokens).toBeGreaterThanOrEqual(analysisRequests().reduce((sum, r) => sum + r.promptTokens, 0) * 0.9);
    expect(result.analysis!.usage!.outputTokens).toBeGreaterThanOrEqual(allowance + (highlights[0]!.body.max_tokens as number));
    expect(renderMarkdownReport(result)).toContain("Automatic summary: the model's context could not hold this section, or its part failed");
  });

  it('a server that does not say its context: a prompt over it is an overflow with the server’s numbers and the right advice, not retried without the schema', async () => {
    const { step } = await setUp({ nCtx: 4_096, noProps: true });
    fake!.setDefault(model);
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('offline');
    expect(analysisRequests()).toHaveLength(1);
    expect(fake!.requests).toHaveLength(1);
    const sent = fake!.requests[0]!.promptTokens.toLocaleString('en-US');
    expect(result.warnings[0]).toBe(
      `${LOCAL_MODEL} analysis unavailable (the prompt is ${sent} tokens and the server's context 4,096: the server has less than OPENAI_CONTEXT_TOKENS (16,384) says; start it with a larger context (llama-server -c, divided among its parallel slots -np) or set OPENAI_CONTEXT_TOKENS=4,096); this report carries the automatic summary instead`,
    );
  });
});

describe('a slow prompt read', () => {
  it('is waited for at OPENAI_PROMPT_TOKENS_PER_SECOND beyond OPENAI_TIMEOUT_MS, and streams once it writes', async () => {
    // 5,000 tokens a second: each part's prompt takes about half a second to read, past the 300 ms timeout.
    const { step } = await setUp({ nCtx: 8_192, promptTokensPerSecond: 5_000 }, { timeoutMs: 300, promptTokensPerSecond: 2_000 });
    fake!.setDefault(model);
    const result = await step(report, now());
    expect(result.warnings).toEqual([]);
    expect(result.analysis!.source).toBe('openai');
    expect(Math.max(...analysisRequests().map((r) => r.promptTokens))).toBeGreaterThan(0.3 * 5_000);
  });

  it('a setting that expects a faster read stops the silent wait, and says which settings', async () => {
    const { step } = await setUp({ nCtx: 8_192, promptTokensPerSecond: 5_000 }, { timeoutMs: 300, promptTokensPerSecond: 1_000_000 });
    fake!.setDefault(model);
    const result = await step(report, now());
    expect(result.analysis!.source).toBe('offline');
    expect(result.warnings[0]).toMatch(/sent nothing for 0 s \(OPENAI_TIMEOUT_MS plus the time to read the prompt at OPENAI_PROMPT_TOKENS_PER_SECOND\)/);
  });
});

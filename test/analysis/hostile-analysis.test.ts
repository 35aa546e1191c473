import { afterEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { analyzeOffline } from '../../src/analysis/offline/analyst.js';
import { createClaude } from '../../src/llm/claude.js';
import { createOpenAI } from '../../src/llm/openai.js';
import type { Report } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic, type ScriptedReply as AnthropicReply } from '../fakes/anthropic.js';
import { HTML_PAGE } from '../fakes/hostile-http.js';
import { startFakeOpenAI, type FakeOpenAI, type ScriptedReply as OpenAIReply } from '../fakes/openai.js';
import { LOCAL_MODEL, MODEL } from '../followup/helpers.js';
import { strictModelAnswer } from '../helpers/model-answer.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// The analysis against a model server that is slow, endless, or not a model server at all (the fakes,
// through the real SDKs). Every case ends in a report, within ANALYSIS_DEADLINE_MS: the offline analyst's,
// with a warning naming what went wrong, as for any other failure of the model.

const sample = loadSample();
const report: Report = buildReport(sample.posts, sample.now);
const sections = analyzeOffline({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' });
const analysis = strictModelAnswer({ ...sections, deepDive: sections.deepDive ?? { title: 'MoE kernels', postId: '1r14h9u', body: [{ text: 'Grouped GEMM kernels.', postIds: ['1r14h9u'] }] } });
const settings = { language: 'en', enrichPosts: 0, commentsPerPost: 0, deadlineMs: 1_000 };

let openai: FakeOpenAI | undefined;
let anthropic: FakeAnthropic | undefined;
let store: Store | undefined;
afterEach(async () => {
  await openai?.close();
  await anthropic?.close();
  await store?.close();
  openai = anthropic = store = undefined;
});

async function withOpenAI(reply: OpenAIReply) {
  openai = await startFakeOpenAI();
  openai.setDefault(reply);
  store = await openTempStore('live', tempSqliteUrl('ai-trends-hostile-analysis-'));
  const llm = createOpenAI({ baseURL: openai.baseURL, model: LOCAL_MODEL, contextTokens: 16_384, timeoutMs: 5_000, maxRetries: 0 });
  return timed(() => createAnalysisStep({ store: store!, openai: llm, settings })(report, new Date(report.generatedAt)));
}

async function withClaude(reply: AnthropicReply) {
  anthropic = await startFakeAnthropic();
  anthropic.setDefault(reply);
  store = await openTempStore('live', tempSqliteUrl('ai-trends-hostile-analysis-'));
  const claude = createClaude({ apiKey: 'test-key', baseURL: anthropic.baseURL, model: MODEL, timeoutMs: 5_000, maxRetries: 0 });
  return timed(() => createAnalysisStep({ store: store!, claude, settings })(report, new Date(report.generatedAt)));
}

async function timed(build: () => Promise<Report>): Promise<{ analysed: Report; ms: number }> {
  const started = Date.now();
  const analysed = await build();
  return { analysed, ms: Date.now() - started };
}

const unavailable = (analysed: Report) => analysed.warnings.find((w) => w.includes('analysis unavailable')) ?? '';

describe('an OpenAI-compatible server that is slow, endless or not one', { timeout: 15_000 }, () => {
  it('a body dripped a byte at a time: the offline analyst at ANALYSIS_DEADLINE_MS', async () => {
    const { analysed, ms } = await withOpenAI({ kind: 'drip', intervalMs: 50, then: { kind: 'json', value: analysis } });
    expect(analysed.analysis?.source).toBe('offline');
    expect(unavailable(analysed)).toBe(`${LOCAL_MODEL} analysis unavailable (it passed the 1 s deadline, ANALYSIS_DEADLINE_MS); this report carries the automatic summary instead`);
    expect(ms).toBeLessThan(3_000);
  });

  it('a body that never ends: the same', async () => {
    const { analysed, ms } = await withOpenAI({ kind: 'endless', intervalMs: 5 });
    expect(analysed.analysis?.source).toBe('offline');
    expect(unavailable(analysed)).toContain('ANALYSIS_DEADLINE_MS');
    expect(ms).toBeLessThan(3_000);
  });

  it.each([
    ['null', { kind: 'raw', contentType: 'application/json', body: 'null' }, 'null'],
    ['an HTML page', { kind: 'raw', contentType: 'text/html', body: HTML_PAGE }, 'an HTML page'],
    ['JSON of another shape', { kind: 'raw', contentType: 'application/json', body: '{"detail": "Not Found"}' }, 'JSON of another shape (fields detail)'],
  ] as const)('%s with a 200: the offline analyst, and a warning naming what came back', async (_what, reply, named) => {
    const { analysed } = await withOpenAI(reply);
    expect(analysed.analysis?.source).toBe('offline');
    expect(unavailable(analysed)).toBe(`${LOCAL_MODEL} analysis unavailable (the server at OPENAI_BASE_URL answered with ${named}, not a chat completion: is it the API's /v1 address?); this report carries the automatic summary instead`);
    expect(openai!.requests).toHaveLength(1);
  });

  it('an unclosed <think> holds reasoning, not the analysis: its draft is not published', async () => {
    const { analysed } = await withOpenAI({ kind: 'message', content: `<think >Draft:\n${JSON.stringify(analysis)}` });
    expect(analysed.analysis?.source).toBe('offline');
    expect(unavailable(analysed)).toContain('twice');
  });

  it('a model name that is no model id (it becomes report text and a metrics label) is replaced by the configured one', async () => {
    const completion = { id: 'x', object: 'chat.completion', created: 0, model: `@everyone <b>${'x'.repeat(500)}`, choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(analysis) }, finish_reason: 'stop' }] };
    const { analysed } = await withOpenAI({ kind: 'raw', contentType: 'application/json', body: JSON.stringify(completion) });
    expect(analysed.analysis?.source).toBe('openai');
    expect(analysed.analysis?.model).toBe(LOCAL_MODEL);
  });

  it('a brace bomb for an answer is read in milliseconds, asked again once, then left to the offline analyst', async () => {
    const { analysed, ms } = await withOpenAI({ kind: 'message', content: '{'.repeat(128_000) });
    expect(analysed.analysis?.source).toBe('offline');
    expect(openai!.requests).toHaveLength(2);
    expect(ms).toBeLessThan(3_000);
  });
});

describe('ANTHROPIC_BASE_URL that is slow or not the API', { timeout: 15_000 }, () => {
  it('a body dripped a byte at a time: the offline analyst at ANALYSIS_DEADLINE_MS', async () => {
    const { analysed, ms } = await withClaude({ kind: 'drip', intervalMs: 50, then: { kind: 'message', content: [{ type: 'text', text: JSON.stringify(analysis) }] } });
    expect(analysed.analysis?.source).toBe('offline');
    expect(unavailable(analysed)).toBe('Claude analysis unavailable (it passed the 1 s deadline, ANALYSIS_DEADLINE_MS); this report carries the automatic summary instead');
    expect(ms).toBeLessThan(3_000);
  });

  it.each([
    ['null', { kind: 'raw', status: 200, body: 'null' }, 'null'],
    ['an HTML page', { kind: 'raw', status: 200, contentType: 'text/html', body: HTML_PAGE }, 'an HTML page'],
  ] as const)('%s with a 200: the offline analyst, and a warning naming what came back', async (_what, reply, named) => {
    const { analysed } = await withClaude(reply);
    expect(analysed.analysis?.source).toBe('offline');
    expect(unavailable(analysed)).toContain(`(the server at ANTHROPIC_BASE_URL answered with ${named}, not a Messages API response`);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { analyzeOffline } from '../../src/analysis/offline/analyst.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { startFakeOpenAI, type FakeOpenAI, type ScriptedReply } from '../fakes/openai.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';
import { strictModelAnswer } from '../helpers/model-answer.js';

// `ai-trends report` and `ask` with a local model: the real bin in a child process, configured only by
// environment variables, against the fake OpenAI-compatible server.

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const sample = loadSample();
const report = buildReport(sample.posts, sample.now);
// Plays a model: a well-formed analysis citing the sample's posts (the deep dive filled in, as the schema requires).
const sections = analyzeOffline({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' });
const modelAnswer = strictModelAnswer({ ...sections, deepDive: sections.deepDive ?? { title: 'MoE kernels', postId: '1r14h9u', body: [{ text: 'Grouped GEMM kernels.', postIds: ['1r14h9u'] }] } });

const localEnv = (extra: Record<string, string> = {}) => ({
  STORE_URL: tempStoreUrl(),
  OPENAI_BASE_URL: fake!.baseURL,
  OPENAI_MODEL: 'qwen3:8b',
  OPENAI_MAX_RETRIES: '0',
  ...extra,
});

/** Analysis requests (structured output) get the analysis; questions (streamed) an answer citing [1]. */
const model: ScriptedReply = {
  kind: 'handler',
  handle: (request) => (request.jsonSchema ? { kind: 'json', value: modelAnswer } : { kind: 'message', content: 'The top post is a meme [1].' }),
};

// Each case starts the bin, some twice: slower than the default 5 s on a busy machine.
describe('ai-trends with OPENAI_BASE_URL (a local model)', { timeout: 30_000 }, () => {
  it('report: the model\'s grounded analysis, its usage free of charge, named on stderr', async () => {
    fake = await startFakeOpenAI();
    fake.setDefault(model);
    const result = await runBin(['report', '--sample', '--format', 'json'], localEnv());
    expect(result.stderr).not.toMatch(/unavailable/);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.analysis.source).toBe('openai');
    expect(json.analysis.model).toBe('qwen3:8b');
    expect(json.analysis.usage).toMatchObject({ inputTokens: fake.requests[0]!.promptTokens, estimatedCostUsd: 0 });
    expect(result.stderr).toMatch(/analysis: qwen3:8b: [\d,]+ input tokens, [\d,]+ output tokens, ≈ \$0\.0000/);
    expect(fake.requests[0]!.body.model).toBe('qwen3:8b');
  });

  it('report: prices from OPENAI_PRICE_INPUT/OUTPUT, and a key sent as a bearer token', async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-test' });
    fake.enqueue({ kind: 'json', value: modelAnswer });
    const result = await runBin(['report', '--sample', '--format', 'json'], localEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_PRICE_INPUT: '1000', OPENAI_PRICE_OUTPUT: '2000' }));
    expect(result.code).toBe(0);
    const usage = JSON.parse(result.stdout).analysis.usage;
    expect(usage.estimatedCostUsd).toBeCloseTo((usage.inputTokens * 1000 + usage.outputTokens * 2000) / 1_000_000, 6);
  });

  it('report: a 500 gives the automatic summary and a warning naming the model', async () => {
    fake = await startFakeOpenAI();
    fake.setDefault({ kind: 'status', status: 500 });
    const result = await runBin(['report', '--sample'], localEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('_Automatic summary');
    expect(result.stderr).toContain('warning: qwen3:8b analysis unavailable (qwen3:8b answered 500); this report carries the automatic summary instead');
  });

  it('ask: the streamed answer with its cited post, and the model named on stderr', async () => {
    fake = await startFakeOpenAI();
    fake.setDefault(model);
    const result = await runBin(['ask', '--sample', 'What', 'is', 'on', 'top?'], localEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^The top post is a meme \[1\] <https:\/\/www\.reddit\.com\/comments\/\w+>\.\n\n» Sources\n\n1\. /);
    expect(result.stderr).toMatch(/answered by qwen3:8b from the 2026-02-11 report: [\d,]+ input tokens/);
    const question = fake.requests.find((r) => r.stream)!;
    expect(question.body.messages.at(-1).content).toContain('What is on top?');
  });

  it('LLM_PROVIDER=openai wins over a Claude key; without it Claude does', async () => {
    fake = await startFakeOpenAI();
    fake.setDefault(model);
    // The Claude endpoint is closed: reaching it would show as a Claude warning.
    const claude = { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_MAX_RETRIES: '0' };
    const chosen = await runBin(['report', '--sample', '--format', 'json'], localEnv({ ...claude, LLM_PROVIDER: 'openai' }));
    expect(JSON.parse(chosen.stdout).analysis.source).toBe('openai');
    const byDefault = await runBin(['report', '--sample', '--format', 'json'], localEnv(claude));
    expect(byDefault.stderr).toMatch(/Claude analysis unavailable/);
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, /OPENAI_MODEL: is required with OPENAI_BASE_URL/],
    [{ LLM_PROVIDER: 'openai', OPENAI_MODEL: 'qwen3:8b' }, /OPENAI_BASE_URL: is required with LLM_PROVIDER=openai \(e\.g\. http:\/\/localhost:11434\/v1/],
    [{ LLM_PROVIDER: 'anthropic' }, /ANTHROPIC_API_KEY: is required with LLM_PROVIDER=anthropic/],
    [{ LLM_PROVIDER: 'ollama' }, /LLM_PROVIDER: anthropic or openai/],
    [{ OPENAI_BASE_URL: 'localhost:11434', OPENAI_MODEL: 'qwen3:8b' }, /OPENAI_BASE_URL: /],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_MODEL: 'qwen3:8b', OPENAI_PRICE_INPUT: 'cheap', OPENAI_PRICE_OUTPUT: '1' }, /OPENAI_PRICE_INPUT: USD per million tokens/],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_MODEL: 'qwen3:8b', OPENAI_PRICE_OUTPUT: '1' }, /OPENAI_PRICE_INPUT: is required when the other OpenAI price is set/],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_MODEL: 'qwen3:8b', OPENAI_CONTEXT_TOKENS: '100' }, /OPENAI_CONTEXT_TOKENS: /],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_MODEL: 'qwen3:8b', OPENAI_TIMEOUT_MS: 'soon' }, /OPENAI_TIMEOUT_MS: /],
  ])('a wrong setting stops start-up naming the variable: %o', async (env, message) => {
    const result = await runBin(['report', '--sample'], { STORE_URL: tempStoreUrl(), ...env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

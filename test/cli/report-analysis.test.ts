import { afterEach, describe, expect, it } from 'vitest';
import { analyzeOffline } from '../../src/analysis/offline/analyst.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// `ai-trends report` with a Claude key: the analysis in the JSON and Markdown, and what it cost on stderr.

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const sample = loadSample();
const report = buildReport(sample.posts, sample.now);
// Plays a model: a well-formed analysis citing the sample's posts.
const modelAnswer = JSON.stringify(analyzeOffline({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' }));

describe('ai-trends report with ANTHROPIC_API_KEY', () => {
  it('stores Claude\'s grounded analysis with its usage and prints the cost on stderr', async () => {
    fake = await startFakeAnthropic();
    fake.enqueue({ kind: 'message', content: [{ type: 'text', text: modelAnswer }], usage: { input_tokens: 3000, output_tokens: 2500 } });
    const env = { STORE_URL: tempStoreUrl(), ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.baseURL, ANTHROPIC_MAX_RETRIES: '0' };
    const result = await runBin(['report', '--sample', '--format', 'json'], env);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.analysis.source).toBe('claude');
    expect(json.analysis.model).toBe('claude-sonnet-5-5');
    // 3,000 × $2 + 2,500 × $10 per million tokens.
    expect(json.analysis.usage).toEqual({ inputTokens: 3000, outputTokens: 2500, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, estimatedCostUsd: 0.031 });
    expect(result.stderr).toContain('analysis: claude-sonnet-5-5: 3,000 input tokens, 2,500 output tokens, ≈ $0.0310');

    // Served from the store the next time: no new call, the same usage shown.
    const again = await runBin(['report', '--sample'], env);
    expect(again.stdout).toContain('## Trend Analysis');
    expect(again.stdout).not.toContain('Automatic summary');
    expect(again.stderr).toContain('≈ $0.0310');
    expect(fake.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(1);
  });

  it('falls back to the automatic summary with a warning when Claude is overloaded', async () => {
    fake = await startFakeAnthropic();
    fake.setDefault({ kind: 'status', status: 529 });
    const env = { STORE_URL: tempStoreUrl(), ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.baseURL, ANTHROPIC_MAX_RETRIES: '0' };
    const result = await runBin(['report', '--sample'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('_Automatic summary');
    expect(result.stdout).toContain('Claude analysis unavailable (Claude answered 529 (overloaded))');
    expect(result.stderr).toContain('warning: Claude analysis unavailable (Claude answered 529 (overloaded)); this report carries the automatic summary instead');
  });

  // The stored sample report used to keep "Claude analysis unavailable (…)" from its first run in every later
  // start, until --refresh. Each run (a process) now asks the model again, once, for a sample report that
  // carries the automatic summary.
  it('a later run asks Claude again instead of repeating the old warning; a report Claude wrote is kept', async () => {
    fake = await startFakeAnthropic();
    fake.setDefault({ kind: 'status', status: 529 });
    const env = { STORE_URL: tempStoreUrl(), ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.baseURL, ANTHROPIC_MAX_RETRIES: '0' };
    const calls = () => fake!.requests.filter((r) => r.path === '/v1/messages').length;
    const unavailable = 'Claude analysis unavailable (Claude answered 529 (overloaded))';

    expect((await runBin(['report', '--sample'], env)).stdout).toContain(unavailable);
    expect(calls()).toBe(1);
    // Still overloaded: asked again, and the warning is about this run.
    expect((await runBin(['report', '--sample'], env)).stdout).toContain(unavailable);
    expect(calls()).toBe(2);
    // Back: the next run gets Claude's analysis and no warning about the earlier failure.
    fake.enqueue({ kind: 'message', content: [{ type: 'text', text: modelAnswer }], usage: { input_tokens: 3000, output_tokens: 2500 } });
    const back = await runBin(['report', '--sample', '--format', 'json'], env);
    expect(back.code, back.stderr).toBe(0);
    const json = JSON.parse(back.stdout);
    expect(json.analysis.source).toBe('claude');
    expect(json.warnings.join('\n')).not.toContain('analysis unavailable');
    expect(calls()).toBe(3);
    // Claude's report is served from the store from then on: no new call.
    const later = await runBin(['report', '--sample'], env);
    expect(later.stdout).not.toContain('analysis unavailable');
    expect(later.stdout).not.toContain('Automatic summary');
    expect(calls()).toBe(3);
  }, 60_000);

  it('without a model, the stored automatic summary is served as it is (nothing to ask again)', async () => {
    const env = { STORE_URL: tempStoreUrl() };
    const first = await runBin(['report', '--sample', '--format', 'json'], env);
    const second = await runBin(['report', '--sample', '--format', 'json'], env);
    expect(JSON.parse(second.stdout).generatedAt).toBe(JSON.parse(first.stdout).generatedAt);
    expect(second.stderr).toMatch(/stored|from the store/i);
  }, 60_000);
});

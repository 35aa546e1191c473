import { afterEach, describe, expect, it } from 'vitest';
import { HTML_PAGE } from '../fakes/hostile-http.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// `ai-trends report` and `ask` against an OpenAI-compatible server that is broken or hostile, the real bin
// in a child process configured by environment variables only: a 200 that is no completion crashed
// `report` (exit 1, "Cannot read properties of null"), a dripping body held it forever, and `ask` on an
// endless stream never returned.

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const env = (extra: Record<string, string> = {}) => ({ STORE_URL: tempStoreUrl(), OPENAI_BASE_URL: fake!.baseURL, OPENAI_MODEL: 'qwen3:8b', OPENAI_MAX_RETRIES: '0', ...extra });

describe('ai-trends with a hostile OPENAI_BASE_URL', { timeout: 40_000 }, () => {
  it('report: a null or an HTML page for a completion gives the automatic summary and a warning naming it', async () => {
    fake = await startFakeOpenAI();
    fake.enqueue({ kind: 'raw', contentType: 'application/json', body: 'null' }, { kind: 'raw', contentType: 'text/html', body: HTML_PAGE });
    const nulled = await runBin(['report', '--sample'], env());
    expect(nulled.code).toBe(0);
    expect(nulled.stdout).toContain('_Automatic summary');
    expect(nulled.stderr).toContain('warning: qwen3:8b analysis unavailable (the server at OPENAI_BASE_URL answered with null, not a chat completion');
    const html = await runBin(['report', '--sample'], env());
    expect(html.code).toBe(0);
    expect(html.stderr).toContain("answered with an HTML page, not a stream of chat completion chunks: is it the API's /v1 address?");
  });

  it('report: a body dripped a byte at a time ends at ANALYSIS_DEADLINE_MS; ask: an endless answer at FOLLOWUP_ANSWER_DEADLINE_MS', async () => {
    fake = await startFakeOpenAI();
    // The analysis (structured) drips; a question never ends.
    fake.setDefault({ kind: 'handler', handle: (request) => (request.jsonSchema ? { kind: 'drip', intervalMs: 100, then: { kind: 'message', content: '{}' } } : { kind: 'endless', content: 'spam ', intervalMs: 20 }) });
    const settings = env({ ANALYSIS_DEADLINE_MS: '1500', FOLLOWUP_ANSWER_DEADLINE_MS: '1500' });
    const report = await runBin(['report', '--sample'], settings);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain('qwen3:8b analysis unavailable (it passed the 1.5 s deadline, ANALYSIS_DEADLINE_MS)');
    const asked = await runBin(['ask', '--sample', 'What is new?'], settings);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/^spam spam/);
    expect(asked.stdout).toContain('answer cut: it took longer than 1.5 s');
  });
});

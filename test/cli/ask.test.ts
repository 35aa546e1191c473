import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// `ai-trends ask`: the real bin in a child process, a real SQLite store, the fake Anthropic over HTTP.

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('ai-trends ask', () => {
  it('on the sample (REDDIT_SOURCE=sample): an offline answer from the sample report, in plain text', async () => {
    const result = await runBin(['ask', 'what about agents?'], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Best match in the 2026-02-11 report: [\s\S]+?\n\n(One more post matches:|\d more posts match, best first:)\n\n1\. /);
    expect(result.stdout).toMatch(/<https:\/\/www\.reddit\.com\/comments\/\w+>/);
    expect(result.stderr).toMatch(/REDDIT_SOURCE=sample: using the bundled sample/);
    expect(result.stderr).toMatch(/offline answer from the 2026-02-11 report \(set ANTHROPIC_API_KEY/);
  });

  it('with a Claude key: the grounded answer with its sources, and the usage on stderr', async () => {
    fake = await startFakeAnthropic();
    // The report's analysis asks Claude too (answered 400 here: the offline analyst takes over); the
    // question is the request that carries search results.
    fake.setDefault({
      kind: 'handler',
      handle: (request) => {
        const content = request.body.messages[0].content;
        const first = Array.isArray(content) ? content.find((b: { type: string }) => b.type === 'search_result') : undefined;
        if (!first) return { kind: 'status', status: 400 };
        const citation = { type: 'search_result_location', source: first.source, title: first.title, cited_text: first.content[0].text, search_result_index: 0, start_block_index: 0, end_block_index: 1 };
        return { kind: 'message', content: [{ type: 'text', text: 'The top post is a meme', citations: [citation] }, { type: 'text', text: '.' }] };
      },
    });
    const env = { STORE_URL: tempStoreUrl(), ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.baseURL, ANTHROPIC_MAX_RETRIES: '0' };
    const result = await runBin(['ask', '--sample', 'What', 'is', 'on', 'top?'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^The top post is a meme \[1\] <https:\/\/www\.reddit\.com\/comments\/\w+>\.\n\n» Sources\n\n1\. /);
    expect(result.stderr).toMatch(/answered by claude-sonnet-5-5 from the 2026-02-11 report: [\d,]+ input tokens/);
    expect(fake.requests.at(-1)!.body.messages.at(-1).content.at(-1).text).toContain('What is on top?');
  });

  it('ANTHROPIC_FOLLOWUP_MODEL answers with another model than the analysis; an unpriced one is named, not costed', async () => {
    fake = await startFakeAnthropic();
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'A short answer.' }] });
    const env = { STORE_URL: tempStoreUrl(), ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.baseURL, ANTHROPIC_MAX_RETRIES: '0' };
    const haiku = await runBin(['ask', '--sample', 'What is new?'], { ...env, ANTHROPIC_FOLLOWUP_MODEL: 'claude-haiku-5-5' });
    expect(haiku.code).toBe(0);
    const models = fake.requests.map((r) => r.body.model);
    expect(models[0]).toBe('claude-sonnet-5-5');
    expect(models.at(-1)).toBe('claude-haiku-5-5');
    expect(haiku.stderr).toMatch(/answered by claude-haiku-5-5 from the 2026-02-11 report: .*≈ \$0\.0/);
    const unknown = await runBin(['ask', '--sample', 'What is new?'], { ...env, ANTHROPIC_FOLLOWUP_MODEL: 'claude-future-9' });
    expect(unknown.stderr).toMatch(/answered by claude-future-9 .*no price known for claude-future-9: cost not estimated/);
    // ANTHROPIC_PRICES_USD_PER_MTOK prices a model the table lacks, not a follow-up model it knows.
    const overridden = await runBin(['ask', '--sample', 'What is new?'], { ...env, ANTHROPIC_MODEL: 'claude-future-9', ANTHROPIC_PRICES_USD_PER_MTOK: '100,100,100,100', ANTHROPIC_FOLLOWUP_MODEL: 'claude-haiku-5-5' });
    expect(overridden.stderr).toMatch(/answered by claude-haiku-5-5 from the 2026-02-11 report: .*≈ \$0\.0/);
  }, 60_000);

  it('--date needs a stored report; bad values are usage errors', async () => {
    const store = tempStoreUrl();
    const missing = await runBin(['ask', '--sample', '--date', '2026-01-01', 'hi'], { STORE_URL: store });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/there is no stored report for 2026-01-01/);
    expect((await runBin(['ask', '--date', '2026-02-30', 'hi'], { STORE_URL: store })).stderr).toMatch(/--date must be a day/);
    expect((await runBin(['ask'], { STORE_URL: store })).stderr).toMatch(/what is the question\? Usage: ai-trends ask/);
    await runBin(['report', '--sample'], { STORE_URL: store });
    const found = await runBin(['ask', '--sample', '--date', '2026-02-11', 'rag'], { STORE_URL: store });
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/RAG/);
  }, 60_000);
});

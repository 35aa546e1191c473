import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerView, type TerminalStream } from '../../src/cli/answer-view.js';
import { askCommand } from '../../src/cli/ask-command.js';
import type { CliContext } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config.js';
import { openApp } from '../../src/main.js';
import { startFakeLlamaServer, type FakeLlamaServer } from '../fakes/llama-server.js';
import { memoryLog } from '../helpers/memory-log.js';
import { tempSqliteUrl } from '../helpers/store.js';

// `ai-trends ask` on a terminal: progress while a slow model reads the prompt, the answer as it is written,
// then the grounded reply in its place. A pipe gets only the reply.

function terminal(isTTY: boolean): TerminalStream & { text(): string } {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  }) as unknown as TerminalStream & { text(): string };
  stream.isTTY = isTTY;
  stream.columns = 40;
  stream.text = () => written;
  return stream;
}

describe('AnswerView', () => {
  it('on a terminal: a progress line rewritten with the time, the draft, then all of it erased', () => {
    let now = 0;
    const out = terminal(true);
    const view = new AnswerView(out, () => now, 60_000);
    view.progress({ stage: 'reading', promptTokens: 1_234, expectedMs: 61_700, model: 'qwen2.5:0.5b' });
    now = 12_000;
    (view as unknown as { showLine(): void }).showLine();
    view.progress({ stage: 'writing', promptTokens: 1_234, model: 'qwen2.5:0.5b' });
    view.text('The top post ');
    view.text('is about Seedance.\u001b[2J');
    view.finish();
    const text = out.text();
    expect(text).toContain('qwen2.5:0.5b: reading 1,234 prompt tokens, up to about 1 min 2 s at the slowest expected speed… 0 s');
    expect(text).toContain('… 12 s');
    expect(text).toContain('The top post is about Seedance.');
    // A control sequence from the model never reaches the terminal; the draft is erased at the end.
    expect(text).not.toContain('\u001b[2J');
    expect(text.endsWith('\x1b[J')).toBe(true);
  });

  it('on a pipe: nothing at all', () => {
    const out = terminal(false);
    const view = new AnswerView(out);
    view.progress({ stage: 'reading', promptTokens: 10, expectedMs: 0, model: 'm' });
    view.text('hello');
    view.finish();
    expect(out.text()).toBe('');
  });
});

describe('ai-trends ask against a slow llama-server, on a terminal', () => {
  let fake: FakeLlamaServer | undefined;
  afterEach(async () => fake?.close());

  it('shows the prompt being read, streams the answer, then prints the grounded reply', async () => {
    // About half a second to read a question's prompt; the analysis of the sample is answered by the fake too.
    fake = await startFakeLlamaServer({ nCtx: 8_192, promptTokensPerSecond: 4_000 });
    fake.setDefault({ kind: 'handler', handle: (request) => (request.jsonSchema ? { kind: 'status', status: 500, message: 'no analysis in this test' } : { kind: 'message', content: 'The day leads with a Hugging Face tease [1].', chunkChars: 6, chunkDelayMs: 5 }) });
    const config = loadConfig({ OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'qwen2.5:0.5b', STORE_URL: tempSqliteUrl(), OPENAI_MAX_RETRIES: '0', OPENAI_PROMPT_TOKENS_PER_SECOND: '2000' }, 'test');
    const { log } = memoryLog('silent');
    const stdout = terminal(true);
    const stderr = terminal(true);
    const context: CliContext = {
      stdin: Object.assign(process.stdin, {}),
      stdout,
      stderr,
      clock: () => new Date('2026-02-11T09:00:00Z'),
      openApp: (options) => openApp(config, { ...options, log }),
      log,
      stopSignal: () => new Promise(() => undefined),
    };
    expect(await askCommand(['--sample', 'What', 'does', 'Hugging', 'Face', 'tease?'], context)).toBe(0);
    expect(stderr.text()).toMatch(/qwen2\.5:0\.5b: reading [\d,]+ prompt tokens, up to about \d+ s at the slowest expected speed… 0 s/);
    expect(stderr.text()).toContain('The day leads with a Hugging Face tease.');
    expect(stdout.text()).toMatch(/^The day leads with a Hugging Face tease \[1\] <https:\/\/www\.reddit\.com\/comments\/1r0zn8o>\./);
    expect(stderr.text()).toMatch(/answered by qwen2\.5:0\.5b from the 2026-02-11 report/);
  }, 30_000);
});

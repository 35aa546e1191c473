// The fake Anthropic Messages API, exercised with the real @anthropic-ai/sdk (streaming and not).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import { estimateTokens, measureRequest, startFakeAnthropic } from './anthropic.js';
import type { FakeAnthropic, ScriptedReply } from './anthropic.js';

const MODEL = 'claude-sonnet-5-5';
const ask = (text: string) => ({ model: MODEL, max_tokens: 512, messages: [{ role: 'user' as const, content: text }] });
const citation = {
  type: 'search_result_location', source: 'https://www.reddit.com/r/LocalLLaMA/comments/abc123/', title: 'New 8B model',
  cited_text: 'It beats the 70B on coding.', search_result_index: 0, start_block_index: 0, end_block_index: 0,
};
const citedReply: ScriptedReply = {
  kind: 'message',
  content: [{ type: 'text', text: 'People like the new 8B model: ' }, { type: 'text', text: 'it beats the 70B on coding.', citations: [citation] }],
};

let fake: FakeAnthropic;
const client = (opts: { maxRetries?: number; timeout?: number } = {}) =>
  new Anthropic({ baseURL: fake.baseURL, apiKey: 'test-key', maxRetries: opts.maxRetries ?? 0, timeout: opts.timeout ?? 5000 });

beforeEach(async () => { fake = await startFakeAnthropic(); });
afterEach(async () => { await fake.close(); });

describe('fake Anthropic: replies', () => {
  it('answers a non-streaming text message with computed usage and records the request', async () => {
    fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'Hello from the fake.' }] });
    const msg = await client().messages.create(ask('Hi'));
    expect(msg).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn', stop_sequence: null });
    expect(msg.id).toMatch(/^msg_/);
    expect(msg.content).toEqual([{ type: 'text', text: 'Hello from the fake.', citations: null }]);
    expect(msg.usage).toMatchObject({ input_tokens: 1, output_tokens: estimateTokens('Hello from the fake.'), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    const [rec] = fake.requests;
    expect(rec).toMatchObject({ path: '/v1/messages', stream: false, inputTokens: 1, cacheableTokens: 0 });
    expect(rec!.headers['authorization']).toBe('Bearer test-key'); // SDK 1.x sends the key as a bearer token
    expect(rec!.body).toMatchObject({ model: MODEL, max_tokens: 512, messages: [{ role: 'user', content: 'Hi' }] });
    expect(rec!.at).toBeLessThanOrEqual(Date.now());
  });

  it('answers with a tool_use block (stop_reason tool_use)', async () => {
    const input = { items: [{ postId: 'abc123', why: 'größer, "quoted" 🚀' }], n: 2.5 };
    fake.enqueue({ kind: 'message', content: [{ type: 'tool_use', id: 'toolu_1', name: 'report', input }] });
    const msg = await client().messages.create({
      ...ask('Analyse'), tools: [{ name: 'report', description: 'Return the report', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'tool', name: 'report' },
    });
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.content).toEqual([{ type: 'tool_use', id: 'toolu_1', name: 'report', input, caller: { type: 'direct' } }]);
    expect(fake.requests[0]!.inputTokens).toBe(measureRequest(fake.requests[0]!.body).inputTokens);
    expect(fake.requests[0]!.inputTokens).toBeGreaterThan(estimateTokens('Analyse'));
  });

  it('streams text as several deltas; finalMessage equals the non-streaming message content', async () => {
    const text = 'A streamed answer that is long enough to be split into several deltas.';
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text }] });
    const plain = await client().messages.create(ask('Hi'));
    const stream = client().messages.stream(ask('Hi'));
    const deltas: string[] = [];
    stream.on('text', (d) => deltas.push(d));
    const final = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(text);
    expect(final.content).toEqual(plain.content);
    expect(final.usage).toEqual(plain.usage);
    expect(final.stop_reason).toBe('end_turn');
    expect(fake.requests.map((r) => r.stream)).toEqual([false, true]);
  });

  it('streams tool_use input as input_json_delta chunks', async () => {
    const input = { sections: [{ title: 'Highlights', postIds: ['a1', 'b2'] }], note: 'ünïcode ✓' };
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'Here:' }, { type: 'tool_use', name: 'report', input }] });
    const plain = await client().messages.create(ask('x'));
    const stream = client().messages.stream(ask('x'));
    const partials: string[] = [];
    stream.on('inputJson', (p) => partials.push(p));
    const final = await stream.finalMessage();
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.join('')).toBe(JSON.stringify(input));
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content[1]).toMatchObject({ type: 'tool_use', name: 'report', input });
    expect(final.content[1]!.type === 'tool_use' && final.content[1]!.id).toMatch(/^toolu_/);
    expect(final.content.map((b) => b.type)).toEqual(plain.content.map((b) => b.type));
  });

  it('keeps search_result citations on text blocks in both modes', async () => {
    fake.setDefault(citedReply);
    const plain = await client().messages.create(ask('What is new?'));
    expect(plain.content[1]).toEqual({ type: 'text', text: 'it beats the 70B on coding.', citations: [citation] });
    const stream = client().messages.stream(ask('What is new?'));
    const seen: unknown[] = [];
    stream.on('citation', (c) => seen.push(c));
    const final = await stream.finalMessage();
    expect(seen).toEqual([citation]);
    expect(final.content).toEqual(plain.content);
  });

  it('create({stream: true}) yields the API event sequence', async () => {
    fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'abcdefghijkl' }] });
    const events = await client().messages.create({ ...ask('Hi'), stream: true });
    const types: string[] = [];
    for await (const ev of events) types.push(ev.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(1, 2)).toEqual(['content_block_start']); // `ping` is swallowed by the SDK
    expect(types.filter((t) => t === 'content_block_delta').length).toBe(3);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('computes the reply from the request with a handler', async () => {
    fake.enqueue({ kind: 'handler', handle: (r) => ({ kind: 'message', content: [{ type: 'text', text: `echo: ${r.body.messages[0].content}` }] }) });
    const msg = await client().messages.create(ask('ping'));
    expect(msg.content[0]).toMatchObject({ text: 'echo: ping' });
  });

  it('counts tokens without consuming a scripted reply', async () => {
    fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'ok' }] });
    const body = { model: MODEL, system: 'You are terse.', messages: [{ role: 'user' as const, content: 'x'.repeat(400) }] };
    const count = await client().messages.countTokens(body);
    expect(count.input_tokens).toBe(measureRequest(body).inputTokens);
    expect(fake.requests[0]!.path).toBe('/v1/messages/count_tokens');
    expect((await client().messages.create(ask('y'))).content[0]).toMatchObject({ text: 'ok' });
  });
});

describe('fake Anthropic: failures', () => {
  it('429 with retry-after, then success: the SDK waits and retries', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 0.2 }, { kind: 'message', content: [{ type: 'text', text: 'ok' }] });
    const started = Date.now();
    const msg = await client({ maxRetries: 1 }).messages.create(ask('Hi'));
    expect(msg.content[0]).toMatchObject({ text: 'ok' });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(180);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('529 overloaded is thrown when retries are exhausted, streaming or not', async () => {
    fake.enqueue({ kind: 'status', status: 529 }, { kind: 'status', status: 529 });
    const err = await client({ maxRetries: 0 }).messages.create(ask('Hi')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.OverloadedError);
    expect(err).toMatchObject({ status: 529, error: { type: 'error', error: { type: 'overloaded_error' } } });
    await expect(client({ maxRetries: 0 }).messages.stream(ask('Hi')).finalMessage()).rejects.toBeInstanceOf(Anthropic.OverloadedError);
    expect(fake.requests).toHaveLength(2);
  });

  it('a reply slower than the client timeout ends in a timeout error; the fake keeps serving', async () => {
    fake.enqueue({ kind: 'delay', ms: 2000, then: { kind: 'message', content: [{ type: 'text', text: 'late' }] } });
    await expect(client({ timeout: 150 }).messages.create(ask('Hi'))).rejects.toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'on time' }] });
    expect((await client().messages.create(ask('Hi'))).content[0]).toMatchObject({ text: 'on time' });
  });

  it('a truncated JSON body makes the SDK throw a bare SyntaxError (not an APIError)', async () => {
    fake.enqueue({ kind: 'raw', status: 200, body: '{"id":"msg_1","type":"message","content":[{"type":"te' });
    await expect(client().messages.create(ask('Hi'))).rejects.toBeInstanceOf(SyntaxError);
  });

  it('a mid-stream error event makes the stream reject', async () => {
    fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'partial answer here' }], streamErrorAfter: 1 });
    const stream = client().messages.stream(ask('Hi'));
    const deltas: string[] = [];
    stream.on('text', (d) => deltas.push(d));
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
    expect(deltas).toHaveLength(1);
  });

  it('with no scripted reply, answers 500 with a clear message and no retries', async () => {
    const err = await client({ maxRetries: 2 }).messages.create(ask('Hi')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.InternalServerError);
    expect(String((err as Error).message)).toContain('fake anthropic: no scripted reply');
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects requests without credentials or required fields, like the API', async () => {
    const res = await fetch(`${fake.baseURL}/v1/messages`, { method: 'POST', body: JSON.stringify(ask('x')) });
    expect(res.status).toBe(401);
    const bad = await fetch(`${fake.baseURL}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: JSON.stringify({ model: MODEL, messages: [] }) });
    expect(await bad.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
  });
});

describe('fake Anthropic: prompt-cache accounting', () => {
  const longPrefix = 'Instructions and the day report. '.repeat(200); // ~6600 chars, ~1650 tokens
  const cachedAsk = (prefix: string, question: string) => ({
    model: MODEL, max_tokens: 256,
    system: [{ type: 'text' as const, text: prefix, cache_control: { type: 'ephemeral' as const } }],
    messages: [{ role: 'user' as const, content: question }],
  });

  it('writes a long cacheable prefix once, then reads it', async () => {
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'answer' }] });
    const first = await client().messages.create(cachedAsk(longPrefix, 'First question?'));
    const second = await client().messages.stream(cachedAsk(longPrefix, 'Second, longer question?')).finalMessage();
    const [r1, r2] = fake.requests;
    expect(r1!.cacheableTokens).toBe(estimateTokens(longPrefix));
    expect(r1!.cacheableTokens).toBeGreaterThanOrEqual(1024);
    expect(first.usage).toMatchObject({ cache_creation_input_tokens: r1!.cacheableTokens, cache_read_input_tokens: 0, input_tokens: r1!.inputTokens - r1!.cacheableTokens });
    expect(second.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: r2!.cacheableTokens, input_tokens: r2!.inputTokens - r2!.cacheableTokens });
    // A different prefix is a cache miss again.
    const third = await client().messages.create(cachedAsk(longPrefix + ' Updated.', 'Q?'));
    expect(third.usage.cache_creation_input_tokens).toBe(fake.requests[2]!.cacheableTokens);
  });

  it('does not cache a prefix below the minimum', async () => {
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'answer' }] });
    const short = 'Short instructions.';
    await client().messages.create(cachedAsk(short, 'Q1?'));
    const again = await client().messages.create(cachedAsk(short, 'Q1?'));
    expect(fake.requests[1]!.cacheableTokens).toBe(estimateTokens(short));
    expect(again.usage).toMatchObject({ input_tokens: fake.requests[1]!.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('with a second breakpoint later in the thread, reads the old prefix and writes the rest', async () => {
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'answer' }] });
    await client().messages.create(cachedAsk(longPrefix, 'Q1?'));
    const thread = 'earlier turn '.repeat(50);
    const msg = await client().messages.create({
      ...cachedAsk(longPrefix, ''),
      messages: [
        { role: 'user', content: [{ type: 'text', text: thread, cache_control: { type: 'ephemeral' } }] },
        { role: 'assistant', content: 'a' }, { role: 'user', content: 'Q2?' },
      ],
    });
    const r = fake.requests[1]!;
    const firstPrefix = estimateTokens(longPrefix);
    expect(msg.usage).toMatchObject({ cache_read_input_tokens: firstPrefix, cache_creation_input_tokens: r.cacheableTokens - firstPrefix });
  });
});

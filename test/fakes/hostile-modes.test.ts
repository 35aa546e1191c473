import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from './anthropic.js';
import { HTML_PAGE } from './hostile-http.js';
import { startFakeOpenAI, type FakeOpenAI } from './openai.js';

// The hostile modes of both fake model servers, through the real SDKs: what the reliability tests rely on.

let openaiFake: FakeOpenAI | undefined;
let anthropicFake: FakeAnthropic | undefined;
afterEach(async () => {
  await openaiFake?.close();
  await anthropicFake?.close();
  openaiFake = anthropicFake = undefined;
});
const messages = [{ role: 'user' as const, content: 'hello there' }];
const openai = () => new OpenAI({ baseURL: openaiFake!.baseURL, apiKey: 'none', maxRetries: 0, timeout: 3_000 });
const claude = () => new Anthropic({ baseURL: anthropicFake!.baseURL, apiKey: 'test-key', maxRetries: 0, timeout: 3_000 });

describe('fake OpenAI-compatible server, hostile modes', () => {
  it('drip: the same completion, a few bytes at a time', async () => {
    openaiFake = await startFakeOpenAI();
    openaiFake.enqueue({ kind: 'drip', intervalMs: 1, bytes: 40, then: { kind: 'message', content: 'slow but whole' } });
    const started = Date.now();
    const completion = await openai().chat.completions.create({ model: 'm', messages });
    expect(completion.choices[0]!.message.content).toBe('slow but whole');
    expect(Date.now() - started).toBeGreaterThan(5);
  });

  it('endless: content chunks (or empty ones) until the client stops reading', async () => {
    openaiFake = await startFakeOpenAI();
    openaiFake.enqueue({ kind: 'endless', intervalMs: 1 }, { kind: 'endless', content: '', intervalMs: 1 });
    for (const expected of ['spam ', '']) {
      const stream = await openai().chat.completions.create({ model: 'm', messages, stream: true });
      const deltas: string[] = [];
      for await (const chunk of stream) {
        deltas.push(chunk.choices[0]!.delta.content ?? '');
        if (deltas.length === 20) break;
      }
      expect(deltas.slice(1).every((d) => d === expected)).toBe(true);
    }
  });

  it('raw and redirect: a 200 that is not a completion, a 307 elsewhere', async () => {
    openaiFake = await startFakeOpenAI();
    openaiFake.enqueue({ kind: 'raw', contentType: 'application/json', body: 'null' }, { kind: 'raw', contentType: 'text/html', body: HTML_PAGE }, { kind: 'redirect', status: 307, location: 'http://127.0.0.1:9/v1/chat/completions' });
    expect(await openai().chat.completions.create({ model: 'm', messages })).toBeNull();
    expect(await openai().chat.completions.create({ model: 'm', messages })).toBe(HTML_PAGE);
    const response = await fetch(`${openaiFake.baseURL}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages }), redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://127.0.0.1:9/v1/chat/completions');
  });
});

describe('fake Anthropic API, hostile modes', () => {
  it('endless: text deltas until the client stops reading; a JSON body that never ends when not streamed', async () => {
    anthropicFake = await startFakeAnthropic();
    anthropicFake.enqueue({ kind: 'endless', intervalMs: 1 }, { kind: 'endless', intervalMs: 1 });
    const stream = claude().messages.stream({ model: 'm', max_tokens: 10, messages });
    let text = '';
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (text.length > 100) break;
    }
    expect(text).toMatch(/^(spam )+/);
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 100);
    await expect(claude().messages.create({ model: 'm', max_tokens: 10, messages }, { signal: aborted.signal })).rejects.toThrow();
  });

  it('raw with a content type, drip and redirect', async () => {
    anthropicFake = await startFakeAnthropic();
    anthropicFake.enqueue(
      { kind: 'raw', status: 200, contentType: 'text/html', body: HTML_PAGE },
      { kind: 'drip', intervalMs: 1, bytes: 64, then: { kind: 'message', content: [{ type: 'text', text: 'slow' }] } },
      { kind: 'redirect', status: 302, location: 'http://127.0.0.1:9/v1/messages' },
    );
    expect(await claude().messages.create({ model: 'm', max_tokens: 10, messages })).toBe(HTML_PAGE);
    expect((await claude().messages.create({ model: 'm', max_tokens: 10, messages })).content).toMatchObject([{ type: 'text', text: 'slow' }]);
    const response = await fetch(`${anthropicFake.baseURL}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: JSON.stringify({ model: 'm', max_tokens: 1, messages }), redirect: 'manual' });
    expect(response.status).toBe(302);
  });
});

import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { analysisJsonSchema } from '../../src/analysis/schema.js';
import { schemaMismatch, startFakeOpenAI, type FakeOpenAI } from './openai.js';

// The fake OpenAI-compatible server through the real `openai` package: what the tests rely on it for.

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
const client = (options: { apiKey?: string } = {}) => new OpenAI({ baseURL: fake!.baseURL, apiKey: options.apiKey ?? 'none', maxRetries: 0, timeout: 3_000 });
const messages = [{ role: 'user' as const, content: 'hello there' }];

describe('fake OpenAI-compatible server', () => {
  it('streams SSE chunks the SDK reads, ending with a usage chunk when asked', async () => {
    fake = await startFakeOpenAI();
    fake.enqueue({ kind: 'message', content: 'one two three four five six seven' });
    const stream = await client().chat.completions.create({ model: 'm', messages, stream: true, stream_options: { include_usage: true } });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null = null;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
      if (chunk.choices[0]?.delta.content) deltas.push(chunk.choices[0].delta.content);
    }
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('one two three four five six seven');
    expect(finish).toBe('stop');
    expect(usage).toEqual({ prompt_tokens: 3, completion_tokens: 9, total_tokens: 12 });
  });

  it('honours json_schema: bare JSON when asked, prose around it when not, and a value off the schema is a 500', async () => {
    fake = await startFakeOpenAI();
    const value = { highlights: [], weekly: { persistent: [], emerging: [], fading: [] }, monthly: [], deepDive: { title: 't', postId: 'p', body: [] }, communityHighlights: { communities: [], crossCutting: [], niche: [] } };
    const format = { type: 'json_schema' as const, json_schema: { name: 'a', schema: analysisJsonSchema, strict: true } };
    fake.enqueue({ kind: 'json', value }, { kind: 'json', value }, { kind: 'json', value: { ...value, extra: 1 } });
    const asked = await client().chat.completions.create({ model: 'm', messages, response_format: format });
    expect(JSON.parse(asked.choices[0]!.message.content!)).toEqual(value);
    const plain = await client().chat.completions.create({ model: 'm', messages });
    expect(plain.choices[0]!.message.content).toMatch(/^Sure! .*\n```json\n\{/s);
    await expect(client().chat.completions.create({ model: 'm', messages, response_format: format })).rejects.toThrow(/\$\.extra: not in the schema/);
  });

  it('schemaMismatch names the first path that does not fit', () => {
    expect(schemaMismatch({ highlights: 'x' }, analysisJsonSchema)).toBe('$.weekly: required');
    expect(schemaMismatch({ highlights: [{ theme: 1, items: [] }], weekly: { persistent: [], emerging: [], fading: [] }, monthly: [], deepDive: { title: '', postId: '', body: [] }, communityHighlights: { communities: [], crossCutting: [], niche: [] } }, analysisJsonSchema)).toBe('$.highlights[0].theme: expected a string');
  });

  it('refuses json_schema, an over-long prompt and a wrong key as real servers do', async () => {
    fake = await startFakeOpenAI({ supportsJsonSchema: false, contextTokens: 10, apiKey: 'sk-right' });
    await expect(client().chat.completions.create({ model: 'm', messages })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const format = { type: 'json_schema' as const, json_schema: { name: 'a', schema: {} } };
    await expect(client({ apiKey: 'sk-right' }).chat.completions.create({ model: 'm', messages, response_format: format })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client({ apiKey: 'sk-right' }).chat.completions.create({ model: 'm', messages, max_tokens: 100 })).rejects.toThrow(/maximum context length is 10 tokens/);
  });
});

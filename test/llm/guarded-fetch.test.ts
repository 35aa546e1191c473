import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { guardedFetch, ResponseTooLargeError } from '../../src/llm/guarded-fetch.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai.js';

// The fetch the model clients are given, through the real `openai` package: a body is read to a cap and
// no further (a non-streamed answer is read whole into memory), and a redirect comes back as an error,
// its Location absolute and without its query.

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
const messages = [{ role: 'user' as const, content: 'hello' }];
const client = (maxBytes?: number) => new OpenAI({ baseURL: fake!.baseURL, apiKey: 'none', maxRetries: 0, timeout: 5_000, fetch: guardedFetch('OPENAI_BASE_URL', maxBytes) });

describe('guardedFetch', () => {
  it('stops reading a body past its cap, naming the setting', async () => {
    fake = await startFakeOpenAI();
    fake.enqueue({ kind: 'message', content: 'x'.repeat(200_000) }, { kind: 'endless', content: 'x'.repeat(8_000), intervalMs: 1 });
    const error = await client(64 * 1024).chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toMatch(/^the server at OPENAI_BASE_URL sent more than/);
    // A body that never ends, too.
    await expect(client(64 * 1024).chat.completions.create({ model: 'm', messages })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('passes a body within the cap untouched', async () => {
    fake = await startFakeOpenAI();
    fake.enqueue({ kind: 'message', content: 'small' });
    expect((await client(64 * 1024).chat.completions.create({ model: 'm', messages })).choices[0]!.message.content).toBe('small');
  });

  it('turns a redirect into an error the SDK does not retry, with an absolute Location and no query', async () => {
    fake = await startFakeOpenAI();
    fake.setDefault({ kind: 'redirect', status: 307, location: '/elsewhere/v1/chat/completions?key=secret' });
    const error = await new OpenAI({ baseURL: fake.baseURL, apiKey: 'none', maxRetries: 3, fetch: guardedFetch('OPENAI_BASE_URL') }).chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(307);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('location')).toBe(`${new URL(fake.baseURL).origin}/elsewhere/v1/chat/completions`);
    expect(fake.requests).toHaveLength(1);
  });
});

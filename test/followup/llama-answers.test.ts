import { afterEach, describe, expect, it } from 'vitest';
import { FollowUps } from '../../src/followup/index.js';
import { createOpenAI } from '../../src/llm/openai.js';
import type { ReplyBlock } from '../../src/reply/reply.js';
import { startFakeLlamaServer, type FakeLlamaOptions, type FakeLlamaServer } from '../fakes/llama-server.js';
import { useFollowUpFixture } from './fixture.js';
import { ask, bindTo, defaultLimits, LOCAL_MODEL } from './helpers.js';

// Follow-up questions against the fake llama-server (test/fakes/llama-server.ts) behaving as a small model
// on a CPU does: the answer comes from the model when the slot can hold the question's prompt, and when it
// cannot, the offline answer's note names the real cause (an overflow with the server's numbers, a read
// slower than the settings expect), never a generic failure.

const fx = useFollowUpFixture(async () => ({ close: async () => undefined }));
let fake: FakeLlamaServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const notes = (blocks: ReplyBlock[]) => blocks.flatMap((b) => (b.type === 'note' ? [b.text] : []));
const chats = () => fake!.requests.filter((r) => r.path.endsWith('/chat/completions'));

async function followUps(server: FakeLlamaOptions, settings: { contextTokens?: number; timeoutMs?: number; promptTokensPerSecond?: number; maxAnswerTokens?: number } = {}) {
  fake = await startFakeLlamaServer(server);
  const openai = createOpenAI({ baseURL: fake.baseURL, model: LOCAL_MODEL, contextTokens: settings.contextTokens ?? 16_384, timeoutMs: settings.timeoutMs ?? 5_000, maxRetries: 0, promptTokensPerSecond: settings.promptTokensPerSecond });
  const answers = new FollowUps({ store: fx.store, openai, limits: { ...defaultLimits, maxAnswerTokens: settings.maxAnswerTokens ?? defaultLimits.maxAnswerTokens }, clock: () => new Date('2026-02-11T09:30:00Z') });
  await answers.bindThread(bindTo(fx.report.date));
  return answers;
}

describe('follow-ups on a llama-server', () => {
  it('an 8k slot (OPENAI_CONTEXT_TOKENS says 16k): the model answers from a compact prompt measured by the server’s tokenizer', async () => {
    const answers = await followUps({ nCtx: 8_192 });
    fake!.setDefault({ kind: 'message', content: 'Hugging Face is teasing something with Anthropic [1].' });
    const answer = await answers.answer(ask('Is Hugging Face releasing something with Anthropic?'));
    expect(answer.source).toBe('openai');
    expect(fake!.probes).toContain('/props');
    expect(fake!.probes).toContain('/tokenize');
    const [request] = chats();
    expect(chats()).toHaveLength(1);
    // Well inside the slot with the answer's allowance, and under the 3k aim.
    expect(request!.promptTokens).toBeLessThan(3_000);
    expect(request!.promptTokens + request!.body.max_tokens).toBeLessThanOrEqual(8_192);
  });

  it('a slot too small for any question: one request, and the note names the overflow with the server’s context', async () => {
    const answers = await followUps({ nCtx: 512, noProps: true }, { contextTokens: 16_384 });
    fake!.setDefault({ kind: 'message', content: 'never sent' });
    const answer = await answers.answer(ask('Is Hugging Face releasing something with Anthropic?'));
    expect(answer.source).toBe('offline');
    expect(chats()).toHaveLength(1);
    expect(notes(answer.reply.blocks)[0]).toContain("the question's data did not fit its context of 512 tokens");
  });

  it('an answer cut at its token limit says so in words, beside what it wrote', async () => {
    const answers = await followUps({ nCtx: 8_192 }, { maxAnswerTokens: 40 });
    fake!.setDefault({ kind: 'message', content: `Hugging Face is teasing something with Anthropic [1]. ${'It may be a model release and more. '.repeat(40)}` });
    const answer = await answers.answer(ask('Is Hugging Face releasing something with Anthropic?'));
    expect(answer.source).toBe('openai');
    expect(notes(answer.reply.blocks)).toContain('The answer was cut off at its 40-token limit (FOLLOWUP_MAX_ANSWER_TOKENS): ask for a shorter answer, or for one part of it.');
  });

  it('a slow prompt read is waited for at OPENAI_PROMPT_TOKENS_PER_SECOND beyond OPENAI_TIMEOUT_MS', async () => {
    // About 1,000 tokens at 2,000 a second: half a second of silence, past the 200 ms timeout.
    const answers = await followUps({ nCtx: 8_192, promptTokensPerSecond: 2_000 }, { timeoutMs: 200, promptTokensPerSecond: 1_000 });
    fake!.setDefault({ kind: 'message', content: 'Hugging Face is teasing something with Anthropic [1].' });
    const answer = await answers.answer(ask('Is Hugging Face releasing something with Anthropic?'));
    expect(chats()[0]!.promptTokens).toBeGreaterThan(0.2 * 2_000);
    expect(answer.source).toBe('openai');
  });

  it('a read slower than the settings expect: the offline answer says the model sent nothing for too long', async () => {
    const answers = await followUps({ nCtx: 8_192, promptTokensPerSecond: 2_000 }, { timeoutMs: 200, promptTokensPerSecond: 1_000_000 });
    fake!.setDefault({ kind: 'message', content: 'Hugging Face is teasing something with Anthropic [1].' });
    const answer = await answers.answer(ask('Is Hugging Face releasing something with Anthropic?'));
    expect(answer.source).toBe('offline');
    expect(chats()).toHaveLength(1);
    expect(notes(answer.reply.blocks)[0]).toBe(`${LOCAL_MODEL} could not answer just now (it sent nothing for too long), so this is an offline answer: the posts that best match your question.`);
  });
});

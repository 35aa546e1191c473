import { describe, expect, it } from 'vitest';
import type { FollowUpAnswer } from '../../src/followup/index.js';
import { MAX_ANSWER_CHARS } from '../../src/llm/answer-cap.js';
import { HTML_PAGE } from '../fakes/hostile-http.js';
import { startFakeOpenAI } from '../fakes/openai.js';
import { memoryLog } from '../helpers/memory-log.js';
import { useFollowUpFixture } from './fixture.js';
import { ask, bindTo, LOCAL_MODEL, makeFollowUps } from './helpers.js';

// Follow-up answers from an OpenAI-compatible server that is hostile or broken (the fake, through the
// real `openai` package over HTTP). Whatever it sends, the answer ends: cut at the length limit or the
// deadline with what was said kept and a note, or answered offline with the note saying the model could
// not answer, and the operator's log naming what came back.

const fx = useFollowUpFixture(startFakeOpenAI);
const log = memoryLog();

async function bound(limits: { answerDeadlineMs?: number; maxAnswerTokens?: number } = {}, timeoutMs = 5_000) {
  const followUps = makeFollowUps({ store: fx.store, openai: fx.fake, limits, timeoutMs, log: log.log });
  await followUps.bindThread(bindTo(fx.report.date));
  return followUps;
}

/** Streams the answer to a question; the deltas as shown, the final answer, and the time it took. */
async function streamed(limits: Parameters<typeof bound>[0] = {}, timeoutMs?: number): Promise<{ shown: string; answer: FollowUpAnswer; ms: number }> {
  const started = Date.now();
  const { text, done } = (await bound(limits, timeoutMs)).answerStream(ask('What is new today?'));
  let shown = '';
  for await (const delta of text) shown += delta;
  return { shown, answer: await done, ms: Date.now() - started };
}

const notes = (answer: FollowUpAnswer) => answer.reply.blocks.flatMap((b) => (b.type === 'note' ? [b.text] : []));
const paragraphsText = (answer: FollowUpAnswer) => answer.reply.blocks.flatMap((b) => (b.type === 'paragraph' ? b.spans.map((s) => s.text) : [])).join('');

describe('an answer with no end, from an OpenAI-compatible server', { timeout: 15_000 }, () => {
  it('a 10 MB answer is cut at the length limit: what was said is kept, with a note, and the stream is stopped', async () => {
    fx.fake.enqueue({ kind: 'message', content: 'The top post is a meme about fast AI [1]. '.repeat(250_000), chunkChars: 1_000 });
    const { shown, answer, ms } = await streamed();
    expect(answer.source).toBe('openai');
    // 700 tokens, half again, 3 characters a token.
    expect(shown.length).toBeLessThanOrEqual(3_150);
    expect(shown.length).toBeGreaterThan(2_500);
    expect(paragraphsText(answer).length).toBeLessThanOrEqual(3_300);
    expect(notes(answer)).toEqual(['answer cut: it passed the length limit']);
    expect(ms).toBeLessThan(5_000);
  });

  it('FOLLOWUP_MAX_ANSWER_TOKENS sets the length limit; no setting passes MAX_ANSWER_CHARS', async () => {
    fx.fake.setDefault({ kind: 'endless', content: 'word ', intervalMs: 0 });
    const small = await streamed({ maxAnswerTokens: 100 });
    expect(small.shown.length).toBeLessThanOrEqual(450);
    const large = await streamed({ maxAnswerTokens: 8_000 });
    expect(large.shown.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
    expect(large.shown.length).toBeGreaterThan(MAX_ANSWER_CHARS - 100);
  });

  it('an answer that never ends is cut at FOLLOWUP_ANSWER_DEADLINE_MS, keeping what was said', async () => {
    fx.fake.enqueue({ kind: 'endless', content: 'slow ', intervalMs: 50 });
    const { shown, answer, ms } = await streamed({ answerDeadlineMs: 800 });
    expect(shown).toMatch(/^(slow ?)+$/);
    expect(answer.source).toBe('openai');
    expect(notes(answer)).toEqual(['answer cut: it took longer than 0.8 s']);
    expect(ms).toBeLessThan(3_000);
  });

  it('empty deltas forever end at the deadline with the offline answer and a note saying so', async () => {
    fx.fake.enqueue({ kind: 'endless', content: '', intervalMs: 10 });
    const { shown, answer, ms } = await streamed({ answerDeadlineMs: 800 });
    expect(shown).toBe('');
    expect(answer.source).toBe('offline');
    expect(notes(answer)[0]).toBe(`${LOCAL_MODEL} could not answer just now (no answer within 0.8 s), so this is an offline answer: the posts that best match your question.`);
    expect(ms).toBeLessThan(3_000);
  });

  it('`ask` (a whole answer, not streamed) returns too', async () => {
    fx.fake.enqueue({ kind: 'endless', intervalMs: 1 });
    const answer = await (await bound({ answerDeadlineMs: 5_000 })).answer(ask('What is new?'));
    expect(notes(answer)).toEqual(['answer cut: it passed the length limit']);
  });
});

describe('thinking written every way', { timeout: 15_000 }, () => {
  it('<think > and <THINK> are never shown, streamed or final; an unclosed one hides the rest', async () => {
    fx.fake.enqueue({ kind: 'message', content: '<think >secret plan</think >\n\nThe top post is a meme [1]. <THINK>more secrets', chunkChars: 3 });
    const { shown, answer } = await streamed();
    expect(shown.trim()).toBe('The top post is a meme.');
    expect(JSON.stringify(answer.reply)).not.toContain('secret');
  });
});

describe('a 200 that is not a completion', { timeout: 15_000 }, () => {
  it.each([
    ['an HTML page', { kind: 'raw', contentType: 'text/html; charset=utf-8', body: HTML_PAGE }, 'answered with an HTML page, not a stream of chat completion chunks: is it the API\'s /v1 address?'],
    ['JSON null', { kind: 'raw', contentType: 'application/json', body: 'null' }, 'answered with null, not a chat completion'],
    ['a null chunk', { kind: 'raw', contentType: 'text/event-stream', body: 'data: null\n\n' }, 'answered with null, not a chat completion chunk'],
    ['a chunk of another shape', { kind: 'raw', contentType: 'text/event-stream', body: 'data: {"choices": "lots"}\n\n' }, 'answered with JSON of another shape (fields choices), not a chat completion chunk'],
  ] as const)('%s: the offline answer, and the log names what came back', async (_what, reply, named) => {
    fx.fake.enqueue(reply);
    const { answer } = await streamed();
    expect(answer.source).toBe('offline');
    expect(notes(answer)[0]).toContain(`${LOCAL_MODEL} could not answer just now`);
    expect(log.text()).toContain(`the server at OPENAI_BASE_URL ${named}`);
  });

  it('a server that ignores `stream` and sends the whole completion is read as one chunk', async () => {
    const completion = { id: 'x', object: 'chat.completion', created: 0, model: LOCAL_MODEL, choices: [{ index: 0, message: { role: 'assistant', content: 'The top post is a meme [1].' }, finish_reason: 'stop' }] };
    fx.fake.enqueue({ kind: 'raw', contentType: 'application/json', body: JSON.stringify(completion) });
    const { answer } = await streamed();
    expect(answer.source).toBe('openai');
    expect(paragraphsText(answer)).toBe('The top post is a meme [1].');
  });
});

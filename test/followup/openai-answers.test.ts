import { describe, expect, it } from 'vitest';
import { OPENAI_SYSTEM_PROMPT } from '../../src/followup/openai-prompt.js';
import { SYSTEM_PROMPT } from '../../src/followup/prompt.js';
import type { Inline, ReplyBlock } from '../../src/reply/reply.js';
import { startFakeOpenAI } from '../fakes/openai.js';
import { useFollowUpFixture } from './fixture.js';
import { ask, bindTo, LOCAL_MODEL, makeFollowUps } from './helpers.js';

// Answers from an OpenAI-compatible server (the fake, through the real `openai` package over HTTP): the
// posts go in as numbered sources, "[n]" in the answer becomes a link to source n's post, numbers that
// match no source are dropped, and the stream shows clean text then the grounded reply.

const fx = useFollowUpFixture(startFakeOpenAI);

const spansOf = (blocks: ReplyBlock[]): Inline[] => blocks.flatMap((b) => (b.type === 'paragraph' ? b.spans : []));
const textOf = (blocks: ReplyBlock[]) => spansOf(blocks).map((s) => s.text).join('');

async function bound(options: { timeoutMs?: number; contextTokens?: number } = {}) {
  const followUps = makeFollowUps({ store: fx.store, openai: fx.fake, ...options });
  await followUps.bindThread(bindTo(fx.report.date));
  return followUps;
}

/** The number a source has in the request's <sources>, found by its title. */
function numberOf(title: string, request = fx.fake.requests.at(-1)!): number {
  const text = request.body.messages.map((m: { content: string }) => m.content).join('\n');
  const match = new RegExp(`^\\[(\\d+)\\] ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').exec(text);
  if (!match) throw new Error(`no source titled ${title}`);
  return Number(match[1]);
}

describe('follow-up answers from an OpenAI-compatible model', () => {
  it('sends numbered sources, streams, and maps [n] to the right posts, dropping an invented [77]', async () => {
    const [first, second, third] = fx.report.sections.today;
    // The model cites the second and third posts by the numbers the request gave them, and invents one.
    fx.fake.enqueue({
      kind: 'handler',
      handle: (request) => {
        const a = numberOf(third!.title, request);
        const b = numberOf(second!.title, request);
        return { kind: 'message', content: `Two things stand out. One is a spaghetti video [${b}], and another is about acceleration [${a}][${b}]. A claim with no source [77].`, chunkChars: 4 };
      },
    });
    const answer = await (await bound()).answer(ask('What stands out today?'));

    const request = fx.fake.requests[0]!;
    expect(request.stream).toBe(true);
    expect(request.body.stream_options).toEqual({ include_usage: true });
    expect(request.body.model).toBe(LOCAL_MODEL);
    expect(request.body.max_tokens).toBe(700);
    expect(request.body).not.toHaveProperty('response_format');
    const [system, data, question] = request.body.messages;
    expect(system).toEqual({ role: 'system', content: OPENAI_SYSTEM_PROMPT });
    expect(OPENAI_SYSTEM_PROMPT.startsWith(SYSTEM_PROMPT)).toBe(true);
    expect(data.role).toBe('user');
    expect(data.content).toContain(`<report date="${fx.report.date}">`);
    expect(data.content).toContain(`[1] ${first!.title}\nid ${first!.id} · r/${first!.subreddit} · ${first!.score!.toLocaleString('en-US')} points`);
    expect(data.content.match(/^\[\d+\] /gm)!.length).toBeGreaterThan(40);
    // Report and question in one user message: role alternation for local chat templates.
    expect(question).toBeUndefined();
    expect(data.content).toMatch(/<question>\nWhat stands out today\?\n<\/question>$/);

    expect(answer.source).toBe('openai');
    expect(textOf(answer.reply.blocks)).toBe('Two things stand out. One is a spaghetti video [1], and another is about acceleration [2] [1]. A claim with no source.');
    expect(spansOf(answer.reply.blocks).filter((s) => s.url)).toEqual([
      { text: ' [1]', url: second!.url },
      { text: ' [2]', url: third!.url },
      { text: ' [1]', url: second!.url },
    ]);
    const sources = answer.reply.blocks.find((b) => b.type === 'posts');
    expect(sources?.type === 'posts' && sources.posts.map((p) => p.id)).toEqual([second!.id, third!.id]);
    expect(JSON.stringify(answer.reply)).not.toContain('77');
    expect(answer.usage).toMatchObject({ inputTokens: request.promptTokens, estimatedCostUsd: 0 });
    expect(answer.usage!.outputTokens).toBeGreaterThan(0);
  });

  it('streams deltas without the [n] markers, even split across chunks, then the grounded reply', async () => {
    const post = fx.report.sections.today[0]!;
    fx.fake.enqueue({ kind: 'message', content: 'The top post is a meme about how fast AI moves [1]. People mostly agree [1][12] and joke [99].', chunkChars: 3, chunkDelayMs: 2 });
    const { text, done } = (await bound()).answerStream(ask('What is the top post?'));
    const deltas: string[] = [];
    for await (const delta of text) deltas.push(delta);
    const answer = await done;
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe('The top post is a meme about how fast AI moves. People mostly agree and joke.');
    expect(answer.source).toBe('openai');
    expect(textOf(answer.reply.blocks)).toBe('The top post is a meme about how fast AI moves [1]. People mostly agree [1] [2] and joke.');
    const sources = answer.reply.blocks.find((b) => b.type === 'posts');
    expect(sources?.type === 'posts' && sources.posts.map((p) => p.id)[0]).toBe(post.id);
    expect(sources?.type === 'posts' && sources.posts).toHaveLength(2);
  });

  it("streams no thinking of a reasoning model (<think>…</think>), as the final reply has none", async () => {
    fx.fake.enqueue({ kind: 'message', content: '<think>The user asks about the top post; source 1 is it.</think>\n\nThe top post is a meme [1].', chunkChars: 3, chunkDelayMs: 1 });
    const { text, done } = (await bound()).answerStream(ask('What is the top post?'));
    const deltas: string[] = [];
    for await (const delta of text) deltas.push(delta);
    const answer = await done;
    expect(deltas.join('')).toBe('The top post is a meme.');
    expect(textOf(answer.reply.blocks)).toBe('The top post is a meme [1].');
  });

  it('applies the same mention, link and number checks as for Claude', async () => {
    const post = fx.report.sections.today[0]!;
    fx.fake.enqueue({ kind: 'message', content: `@everyone the top post has 999999 points [1]. See https://evil.example.com/x now [1]. It is a meme [1].` });
    const { text, done } = (await bound()).answerStream(ask('x?'));
    let shown = '';
    for await (const delta of text) shown += delta;
    const answer = await done;
    const all = JSON.stringify(answer.reply);
    expect(shown).not.toMatch(/@everyone|evil\.example/);
    expect(all).not.toMatch(/@everyone|evil\.example|999999/);
    // The wrong number is replaced by the cited post's real one.
    expect(all).toContain(`the top post has ${post.score} points`);
    expect(spansOf(answer.reply.blocks).filter((s) => s.url).every((s) => s.url === post.url)).toBe(true);
  });

  it('sends earlier turns as alternating assistant and user messages', async () => {
    fx.fake.enqueue({ kind: 'message', content: 'Seedance leads [2].' }, { kind: 'message', content: 'Yes, mostly video [2].' });
    const followUps = await bound();
    await followUps.answer(ask('What leads?'));
    await followUps.answer(ask('Is it all video?'));
    const roles = fx.fake.requests[1]!.body.messages.map((m: { role: string }) => m.role);
    expect(roles).toEqual(['system', 'user', 'assistant', 'user']);
    expect(fx.fake.requests[1]!.body.messages[2].content).toMatch(/^Seedance leads/);
    expect(fx.fake.requests[1]!.body.messages[3].content).toContain('Is it all video?');
  });

  it('leaves bodies and comments out from the last source up to fit OPENAI_CONTEXT_TOKENS', async () => {
    const top = fx.report.sections.today[0]!;
    const last = fx.report.sections.today[9]!;
    for (const post of [top, last]) {
      await fx.store.postDetails.set(post.id, { id: post.id, selftext: `Body of ${post.id} (synthetic). ${'Long text about a model. '.repeat(200)}`, topComments: [], fetchedAt: '2026-02-11T09:00:00Z' });
    }
    fx.fake.setDefault({ kind: 'message', content: 'Fine [1].' });
    await (await bound({ contextTokens: 200_000 })).answer(ask('What about the top post?'));
    const roomy = fx.fake.requests[0]!.body.messages[1].content as string;
    expect(roomy).toContain(`Body of ${top.id}`);
    expect(roomy).toContain(`Body of ${last.id}`);
    // Tight: room for one body only; the leading post keeps it.
    const tight = Math.ceil((roomy.length - 'Long text about a model. '.length * 150) / 3) + 700 + 2_000;
    await (await bound({ contextTokens: tight })).answer(ask('What about the top post?'));
    const trimmed = fx.fake.requests[1]!.body.messages[1].content as string;
    expect(trimmed).toContain(`Body of ${top.id}`);
    expect(trimmed).not.toContain(`Body of ${last.id}`);
  });
});

describe('when the model fails', () => {
  it('a stream that stalls midway is aborted after the timeout and answered offline, saying why', async () => {
    fx.fake.enqueue({ kind: 'message', content: 'Seedance is trending because of a viral clip and more.', stallAfterChunks: 2 });
    const { text, done } = (await bound({ timeoutMs: 300 })).answerStream(ask('What about Seedance?'));
    const deltas: string[] = [];
    for await (const delta of text) deltas.push(delta);
    const answer = await done;
    expect(answer.source).toBe('offline');
    expect(answer.reply.blocks[0]).toEqual({ type: 'note', tone: 'info', text: `${LOCAL_MODEL} could not answer just now, so this is an offline answer: the posts that best match your question.` });
    expect(answer.reply.blocks.some((b) => b.type === 'paragraph' && textOf([b]).includes('best match your question'))).toBe(true);
  });

  it('a 500: the offline answer with a clear note, and nothing counted', async () => {
    fx.fake.setDefault({ kind: 'status', status: 500 });
    const answer = await (await bound()).answer(ask('What about Seedance?'));
    expect(answer.source).toBe('offline');
    expect(answer.usage).toBeNull();
    expect(answer.reply.blocks[0]).toMatchObject({ type: 'note', text: expect.stringContaining(`${LOCAL_MODEL} could not answer just now`) });
  });
});

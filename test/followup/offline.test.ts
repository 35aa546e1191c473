import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/models.js';
import type { ReplyBlock } from '../../src/reply.js';
import { makePost } from '../helpers/posts.js';
import { useFollowUpFixture } from './fixture.js';
import { ask, makeFollowUps, thread, bindTo } from './helpers.js';

// Without Claude, or when Claude fails (overloaded, a broken body, a stream that dies): the offline
// answer lists the best-matching posts with links and a reason, never an error dump.

const fx = useFollowUpFixture();

const flat = (blocks: ReplyBlock[]) =>
  blocks.map((b) => (b.type === 'paragraph' ? b.spans.map((s) => s.text).join('') : b.type === 'note' ? `[note] ${b.text}` : b.type)).join('\n');

function postsIn(blocks: ReplyBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? b.spans.filter((s) => s.url).map((s) => s.url!) : []));
}

describe('offline answers', () => {
  it('with no Claude configured: the most relevant posts, linked, each with a reason', async () => {
    const followUps = makeFollowUps({ store: fx.store });
    await followUps.bindThread(bindTo(fx.report.date));
    const target = fx.report.sections.today.find((p) => /qwen|gpt|claude|model/i.test(p.title)) ?? fx.report.sections.today[1]!;
    const word = /qwen|gpt|claude|model/i.exec(target.title)?.[0] ?? target.title.split(' ')[0]!;
    const answer = await followUps.answer(ask(`what about ${word}?`));
    expect(answer.source).toBe('offline');
    expect(answer.usage).toBeNull();
    const text = flat(answer.reply.blocks);
    expect(text).toMatch(/^Posts in the 2026-02-11 report that best match your question:/);
    expect(text).not.toMatch(/offline answer/i); // nothing failed, nothing to apologise for
    expect(text).toMatch(/1\. .+ \(r\/\w+, [\d,]+ points, [\d,]+ comments\): the title matches “/);
    expect(postsIn(answer.reply.blocks)).toContain(target.url);
    expect(postsIn(answer.reply.blocks).length).toBeLessThanOrEqual(5);
  });

  it('says so when nothing matches, and shows the top of the day instead', async () => {
    const followUps = makeFollowUps({ store: fx.store });
    await followUps.bindThread(bindTo(fx.report.date));
    const answer = await followUps.answer(ask('zzyzx quokka'));
    expect(flat(answer.reply.blocks)).toMatch(/^No post in the 2026-02-11 report matches those words\. The top posts of the day:/);
    expect(postsIn(answer.reply.blocks)).toEqual(fx.report.sections.today.slice(0, 3).map((p) => p.url));
  });

  const failures: Array<[string, () => void]> = [
    ['529 overloaded', () => fx.fake.enqueue({ kind: 'status', status: 529 })],
    ['a truncated JSON body (the SDK throws a bare SyntaxError)', () => fx.fake.enqueue({ kind: 'raw', status: 200, body: '{"id":"msg_1","type":"message","content":[{"type":"te' })],
    ['a 500 with an HTML body', () => fx.fake.enqueue({ kind: 'status', status: 500, body: '<html>oops</html>' })],
    ['a 401', () => fx.fake.enqueue({ kind: 'status', status: 401 })],
  ];
  it.each(failures)('when Claude fails with %s: an offline answer that says so briefly', async (_name, script) => {
    script();
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, maxRetries: 0 });
    await followUps.bindThread(bindTo(fx.report.date));
    const answer = await followUps.answer(ask('open source models'));
    expect(answer.source).toBe('offline');
    expect(answer.usage).toBeNull();
    expect(answer.reply.blocks[0]).toEqual({ type: 'note', tone: 'info', text: 'Claude could not answer just now, so this is an offline answer: the posts that best match your question.' });
    const all = JSON.stringify(answer.reply);
    expect(all).not.toMatch(/529|SyntaxError|Overloaded|JSON|oops|error/i);
    expect(fx.fake.requests).toHaveLength(1);
  });

  it('retries 529 within the configured retries, then answers offline', async () => {
    fx.fake.enqueue({ kind: 'status', status: 529, retryAfterSeconds: 0 }, { kind: 'status', status: 529, retryAfterSeconds: 0 });
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, maxRetries: 1 });
    await followUps.bindThread(bindTo(fx.report.date));
    const answer = await followUps.answer(ask('agents'));
    expect(fx.fake.requests).toHaveLength(2);
    expect(answer.source).toBe('offline');
  });

  it('when a stream dies mid-answer: the deltas stop and done is the offline answer', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'A partial answer that will not finish because the stream breaks.' }], streamErrorAfter: 1 });
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake });
    await followUps.bindThread(bindTo(fx.report.date));
    const { text, done } = followUps.answerStream(ask('agents'));
    const deltas: string[] = [];
    for await (const delta of text) deltas.push(delta);
    const answer = await done;
    expect(deltas.join('').length).toBeLessThan(30);
    expect(answer.source).toBe('offline');
    expect(answer.reply.blocks[0]).toMatchObject({ type: 'note', text: expect.stringMatching(/offline answer/) });
  });

  it('neutralises pings in post titles it lists', async () => {
    const loud = makePost({ id: 'loud01', title: '@everyone <@&123> <@!42> <!channel> free GPUs for @here' });
    const withLoud: Report = { ...fx.report, date: '2026-02-12', sections: { ...fx.report.sections, today: [loud, ...fx.report.sections.today] } };
    await fx.store.reports.set(withLoud.date, withLoud);
    const followUps = makeFollowUps({ store: fx.store });
    await followUps.bindThread(bindTo(withLoud.date, { threadId: 'T-loud' }));
    const answer = await followUps.answer(ask('free GPUs', { threadId: 'T-loud' }));
    const all = JSON.stringify(answer.reply);
    expect(postsIn(answer.reply.blocks)[0]).toBe(loud.url);
    expect(all).not.toMatch(/@everyone|@here|<@&123>|<@!42>|<!channel>/);
    expect(flat(answer.reply.blocks)).toContain('@\u200deveryone @&123 @!42 !channel free GPUs for @\u200dhere');
  });
});

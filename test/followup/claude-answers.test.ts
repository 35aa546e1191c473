import { describe, expect, it } from 'vitest';
import type { Inline, ReplyBlock } from '../../src/reply/reply.js';
import { useFollowUpFixture } from './fixture.js';
import { ask, citationOf, makeFollowUps, thread, bindTo } from './helpers.js';

// Answers from Claude (the fake, through the real SDK over HTTP): citations become links to the posts
// we gave, anything pointing elsewhere is dropped, and streaming gives deltas then the grounded reply.

const fx = useFollowUpFixture();

const spansOf = (blocks: ReplyBlock[]): Inline[] => blocks.flatMap((b) => (b.type === 'paragraph' ? b.spans : []));
const textOf = (blocks: ReplyBlock[]) => spansOf(blocks).map((s) => s.text).join('');

async function bound() {
  const followUps = makeFollowUps({ store: fx.store, fake: fx.fake });
  await followUps.bindThread(bindTo(fx.report.date));
  return followUps;
}

describe('follow-up answers from Claude', () => {
  it('sends the posts as search results with citations enabled, and turns citations into links', async () => {
    const [first, second] = fx.report.sections.today;
    fx.fake.enqueue({
      kind: 'message',
      content: [
        { type: 'text', text: 'Two posts stand out today. ' },
        { type: 'text', text: 'One is a meme about AI progress', citations: [citationOf(first!)] },
        { type: 'text', text: ', and ' },
        { type: 'text', text: 'another is about a new model', citations: [citationOf(second!), citationOf(first!)] },
        { type: 'text', text: '.' },
      ],
    });
    const answer = await (await bound()).answer(ask('What stands out today?'));

    expect(answer.source).toBe('claude');
    const request = fx.fake.requests[0]!.body;
    const results = request.messages[0].content.filter((b: { type: string }) => b.type === 'search_result');
    expect(results.length).toBeGreaterThan(40);
    expect(results[0]).toMatchObject({ type: 'search_result', source: first!.url, title: first!.title, citations: { enabled: true } });
    expect(results[0].content[0].text).toContain(`${first!.score!.toLocaleString('en-US')} points`);
    expect(request.max_tokens).toBe(700);
    expect(request).not.toHaveProperty('output_config');

    const spans = spansOf(answer.reply.blocks);
    expect(textOf(answer.reply.blocks)).toBe('Two posts stand out today. One is a meme about AI progress [1], and another is about a new model [2] [1].');
    const links = spans.filter((s) => s.url);
    expect(links).toEqual([
      { text: ' [1]', url: first!.url },
      { text: ' [2]', url: second!.url },
      { text: ' [1]', url: first!.url },
    ]);
    const sources = answer.reply.blocks.find((b) => b.type === 'posts');
    expect(sources).toMatchObject({ type: 'posts', numbered: true });
    expect(sources?.type === 'posts' && sources.posts.map((p) => p.id)).toEqual([first!.id, second!.id]);
    expect(answer.usage).toMatchObject({ outputTokens: expect.any(Number), cacheCreationInputTokens: fx.fake.requests[0]!.cacheableTokens });
  });

  it('drops a citation whose source is not one of the given posts', async () => {
    const post = fx.report.sections.today[0]!;
    fx.fake.enqueue({
      kind: 'message',
      content: [
        { type: 'text', text: 'A real claim', citations: [citationOf(post)] },
        { type: 'text', text: ' and an invented one.', citations: [{ ...citationOf(post), source: 'https://evil.example.com/phish', title: 'Totally legit' }] },
      ],
    });
    const answer = await (await bound()).answer(ask('Anything?'));
    const links = spansOf(answer.reply.blocks).filter((s) => s.url);
    expect(links).toEqual([{ text: ' [1]', url: post.url }]);
    expect(JSON.stringify(answer.reply)).not.toContain('evil.example.com');
    const sources = answer.reply.blocks.find((b) => b.type === 'posts');
    expect(sources?.type === 'posts' && sources.posts).toHaveLength(1);
  });

  it('removes a URL in the text that is not one of the given posts, and links one that is', async () => {
    const post = fx.report.sections.today[2]!;
    fx.fake.enqueue({
      kind: 'message',
      content: [
        {
          type: 'text',
          text: `Read more at https://evil.example.com/login?x=1. See [this thread](https://www.reddit.com/r/${post.subreddit}/comments/${post.id}/some_slug/) or [that one](http://bit.ly/x) and www.phish.test/now, also evil.example.org/path.`,
        },
      ],
    });
    const answer = await (await bound()).answer(ask('Links?'));
    const all = JSON.stringify(answer.reply);
    for (const bad of ['evil.example.com', 'bit.ly', 'phish.test', 'evil.example.org']) expect(all).not.toContain(bad);
    expect(textOf(answer.reply.blocks)).toBe('Read more at. See this thread or that one and, also.');
    expect(spansOf(answer.reply.blocks).filter((s) => s.url)).toEqual([{ text: 'this thread', url: post.url }]);
  });

  it('keeps answers short: max_tokens from config, and a cut-off answer ends with an ellipsis', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'This answer was cut' }], stopReason: 'max_tokens' });
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, limits: { maxAnswerTokens: 300 } });
    await followUps.bindThread(bindTo(fx.report.date));
    const answer = await followUps.answer(ask('Tell me everything'));
    expect(fx.fake.requests[0]!.body.max_tokens).toBe(300);
    expect(textOf(answer.reply.blocks)).toBe('This answer was cut …');
  });

  it('splits the answer into one paragraph per line and keeps **bold** as strong text', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'Main points:\n\n- **Qwen** leads\n- agents grow\n' }] });
    const answer = await (await bound()).answer(ask('Summary?'));
    expect(answer.reply.blocks).toEqual([
      { type: 'paragraph', spans: [{ text: 'Main points:' }] },
      { type: 'paragraph', spans: [{ text: '- ' }, { text: 'Qwen', strong: true }, { text: ' leads' }] },
      { type: 'paragraph', spans: [{ text: '- agents grow' }] },
    ]);
  });
});

describe('streaming answers', () => {
  it('yields text deltas as they come, then resolves to the grounded reply', async () => {
    const post = fx.report.sections.today[0]!;
    const claim = 'The top post today is a meme about how fast AI is moving, and people in the comments mostly agree.';
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'Here is the gist. ' }, { type: 'text', text: claim, citations: [citationOf(post)] }], chunkDelayMs: 5 });
    const { text, done } = (await bound()).answerStream(ask('What is the top post?'));
    const deltas: string[] = [];
    const arrivals: number[] = [];
    for await (const delta of text) {
      deltas.push(delta);
      arrivals.push(Date.now());
    }
    const answer = await done;
    expect(fx.fake.requests[0]!.stream).toBe(true);
    expect(deltas.length).toBeGreaterThan(2);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(0); // not one lump at the end
    expect(deltas.join('')).toBe(`Here is the gist. ${claim}`);
    expect(answer.source).toBe('claude');
    expect(spansOf(answer.reply.blocks).filter((s) => s.url)).toEqual([{ text: ' [1]', url: post.url }]);
    expect(answer.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('cleans deltas: a ping split across deltas never appears, an unknown URL never shows', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'Hey @everyone look at https://evil.example.com/a now <@&123>' }] });
    const { text, done } = (await bound()).answerStream(ask('x?'));
    let shown = '';
    for await (const delta of text) shown += delta;
    await done;
    expect(shown).not.toMatch(/@everyone|<@&123>|evil\.example/);
    expect(shown).toBe('Hey @\u200deveryone look at now @&123');
  });

  it('cleans deltas of terminal escapes, C1 controls and bidi overrides, keeping the answer\'s lines', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'First \u001b]0;pwned\u0007 line\u202e\u2066.\nSecond \u0085\u009b2J line.' }] });
    const { text, done } = (await bound()).answerStream(ask('x?'));
    let shown = '';
    for await (const delta of text) shown += delta;
    await done;
    expect(shown).toBe('First ]0;pwned line.\nSecond 2J line.');
  });

  it('resolves done even when nobody reads the text', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'Fine.' }] });
    const { done } = (await bound()).answerStream(ask('x?'));
    expect((await done).source).toBe('claude');
  });

  it('yields no deltas for offline answers and refusals; done carries the reply', async () => {
    const offline = makeFollowUps({ store: fx.store });
    await offline.bindThread(bindTo(fx.report.date));
    const { text, done } = offline.answerStream(ask('qwen coding'));
    const deltas: string[] = [];
    for await (const delta of text) deltas.push(delta);
    expect(deltas).toEqual([]);
    expect((await done).source).toBe('offline');
  });
});

import fc from 'fast-check';
import type { Post } from '../../src/models.js';
import type { Inline, Reply, ReplyBlock } from '../../src/reply/reply.js';

// Random Replies for property tests of the renderers: ordinary words mixed with everything hostile a
// Reddit title, a community name or a model answer can hold (pings, links, Markdown and mrkdwn syntax,
// controls, bidi overrides, entities), and lengths well past every platform's limits.

const hostile = [
  '@everyone', '@here', '<@123456789012345678>', '<@&987654321098765432>', '<!channel>', '<!here|here>', '<!subteam^S1|@team>', '<@U123|bob>',
  '[x](http://evil.example)', '](http://evil)', '<http://evil.example|click>', 'http://evil.example/a', '|', '||spoiler||', '> quote', '```code', '`tick`',
  '*bold*', '_it_', '~~s~~', '# heading', '\u202eevil\u202c', '\u2066iso\u2069', '\u200f', '\u0085', '\u001b]0;title\u0007', '\u001b[2J', '&amp;', '&lt;b&gt;', '&#64;everyone',
  '👨‍💻', '日本語のタイトル', 'Seedance 2.0', 'r/LocalLLaMA', 'a\nb', '\t',
];

export const hostileText = (maxWords = 12): fc.Arbitrary<string> =>
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 3, arbitrary: fc.constantFrom(...hostile) }, { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 2500 }) }), {
    minLength: 1,
    maxLength: maxWords,
  }).map((words) => words.join(' '));

const postId = fc.stringMatching(/^[a-z0-9]{5,7}$/);

export const arbitraryPost: fc.Arbitrary<Post> = fc.record({
  id: postId,
  title: hostileText(),
  subreddit: fc.oneof(fc.constantFrom('LocalLLaMA', 'singularity', 'Rag'), hostileText(2)),
  score: fc.integer({ min: 0, max: 100_000 }),
  numComments: fc.integer({ min: 0, max: 20_000 }),
  flair: fc.option(hostileText(3), { nil: null }),
  createdAt: fc.constant('2026-02-11T06:00:00.000Z'),
}).map((p) => ({ ...p, url: `https://www.reddit.com/comments/${p.id}` }));

const inline: fc.Arbitrary<Inline> = fc.record(
  { text: hostileText(6), url: fc.option(postId.map((id) => `https://www.reddit.com/comments/${id}`), { nil: undefined }), strong: fc.boolean(), emphasis: fc.boolean() },
  { requiredKeys: ['text'] },
);

export const arbitraryBlock: fc.Arbitrary<ReplyBlock> = fc.oneof(
  fc.record({ type: fc.constant('heading' as const), text: hostileText(4), level: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
  fc.record({ type: fc.constant('paragraph' as const), spans: fc.array(inline, { minLength: 1, maxLength: 6 }) }),
  fc.record({ type: fc.constant('posts' as const), posts: fc.array(arbitraryPost, { maxLength: 40 }), numbered: fc.boolean(), showCommunity: fc.boolean() }),
  fc.record({ type: fc.constant('note' as const), tone: fc.constantFrom('info' as const, 'warning' as const, 'error' as const), text: hostileText(8) }),
);

export const arbitraryReply: fc.Arbitrary<Reply> = fc.record({ blocks: fc.array(arbitraryBlock, { minLength: 1, maxLength: 12 }) });

/** Every URL a reply may link to: its posts and its linked spans. */
export function allowedUrls(reply: Reply): Set<string> {
  const urls = new Set<string>();
  for (const block of reply.blocks) {
    if (block.type === 'posts') for (const post of block.posts) urls.add(post.url);
    if (block.type === 'paragraph') for (const span of block.spans) if (span.url) urls.add(span.url);
  }
  return urls;
}

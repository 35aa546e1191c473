// Listing and comment-thread parsing: decoded text, nullable flair, UTC times, canonical URLs, the
// posts that never reach a report, odd children skipped and bodies of the wrong shape refused.
import { afterEach, describe, expect, it } from 'vitest';
import { RedditError } from '../../src/reddit/errors.js';
import { parseCommentThread, parseListing } from '../../src/reddit/parse.js';
import { loadSamplePosts, type RawComment } from '../fakes/reddit.js';
import { closeAll, NOW, rawPost, rejection, setup } from './helpers.js';

afterEach(closeAll);

const URL = 'https://oauth.reddit.com/r/LocalLLaMA/new?raw_json=1';

const child = (data: Record<string, unknown>, kind = 't3') => ({ kind, data });
const page = (children: unknown[], after: string | null = null) => ({ kind: 'Listing', data: { after, before: null, dist: children.length, children } });
const post = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `t3_${id}`,
  title: `Post ${id}`,
  subreddit: 'LocalLLaMA',
  score: 42,
  num_comments: 7,
  created_utc: 1_770_778_440,
  link_flair_text: null,
  over_18: false,
  stickied: false,
  removed_by_category: null,
  permalink: `/r/LocalLLaMA/comments/${id}/x/`,
  url: 'https://example.com/article',
  ...extra,
});

const titleOf = (raw: string) => parseListing(page([child(post('t', { title: raw }))]), URL).posts[0]?.title;

describe('parseListing', () => {
  it('drops a post whose id or community name is not Reddit-shaped (injected links, terminal escapes)', () => {
    const hostile = [
      post('ok1'),
      post(') [PWN](http://evil)'),
      post('esc\u001b]0;pwned\u0007'),
      post('ok2', { subreddit: 'evil) [x](http://e)' }),
      post('ok3', { subreddit: 'a' }),
      post('ok4', { subreddit: 'Local\u001b[2JLLaMA' }),
    ];
    const result = parseListing(page(hostile.map((p) => child(p))), URL);
    expect(result.posts.map((p) => p.id)).toEqual(['ok1']);
    // Each left out post is named by its id exactly as received (the warning made from it quotes it inertly).
    expect(result.malformed.map((m) => m.id)).toEqual([') [PWN](http://evil)', 'esc\u001b]0;pwned\u0007', 'ok2', 'ok3', 'ok4']);
  });

  it('maps a post to the report model', () => {
    const result = parseListing(page([child(post('1r1lmcy', { link_flair_text: 'Discussion' }))], 't3_1r1lmcy'), URL);
    expect(result).toEqual({
      posts: [
        {
          id: '1r1lmcy',
          title: 'Post 1r1lmcy',
          subreddit: 'LocalLLaMA',
          score: 42,
          numComments: 7,
          flair: 'Discussion',
          createdAt: '2026-02-11T02:54:00.000Z',
          url: 'https://www.reddit.com/comments/1r1lmcy',
          // A link post: where it points, for the analyst.
          linkUrl: 'https://example.com/article',
        },
      ],
      after: 't3_1r1lmcy',
      childCount: 1,
      malformed: [],
    });
  });

  it('decodes entities, double-escaped ones included', () => {
    expect(titleOf('Q&amp;A: R&amp;D &lt;b&gt;')).toBe('Q&A: R&D <b>');
    expect(titleOf('Tom &amp;amp; Jerry &amp;lt;3')).toBe('Tom & Jerry <3');
    expect(titleOf('It&#39;s &#x27;fine&#x27; &#8212; &quot;really&quot;')).toBe('It\'s \'fine\' — "really"');
    expect(titleOf('Caf&#233; &#x1F680;')).toBe('Café 🚀');
    expect(titleOf('AT&T & friends; &unknown; &#0;')).toBe('AT&T & friends; &unknown; &#0;');
    expect(titleOf('raw & plain <text>')).toBe('raw & plain <text>');
  });

  it('strips control and bidi characters from titles and flair, encoded ones included, and keeps the rest', () => {
    const [p] = parseListing(page([child(post('c1', { title: '\u001b]0;pwned\u0007 \u202eevil\u202c @everyone https://e.example &#27;[2J\u0085', link_flair_text: '\u2066News\u2069 \u200e&#x9b;' }))]), URL).posts;
    expect(p?.title).toBe(']0;pwned evil @everyone https://e.example [2J');
    expect(p?.flair).toBe('News');
  });

  it('decodes the flair and turns a missing, null, empty or blank flair into null', () => {
    const flairs = [undefined, null, '', '   ', 'News &amp; Views', ' Tutorial | Guide '];
    const posts = parseListing(page(flairs.map((f, i) => child(post(`p${i}`, { link_flair_text: f })))), URL).posts;
    expect(posts.map((p) => p.flair)).toEqual([null, null, null, null, 'News & Views', 'Tutorial | Guide']);
  });

  it('gives createdAt as ISO 8601 UTC, fractional seconds included', () => {
    const posts = parseListing(
      page([child(post('a', { created_utc: 0 })), child(post('b', { created_utc: 1_772_168_460.5 })), child(post('c', { created_utc: NOW }))]),
      URL,
    ).posts;
    expect(posts.map((p) => p.createdAt)).toEqual(['1970-01-01T00:00:00.000Z', '2026-02-27T05:01:00.500Z', '2026-02-11T08:00:00.000Z']);
  });

  it('uses https://www.reddit.com/comments/{id}, whatever permalink and url say', () => {
    const [p] = parseListing(page([child(post('abc123', { url: 'https://i.redd.it/x.png', permalink: '/r/x/comments/abc123/y/' }))]), URL).posts;
    expect(p?.url).toBe('https://www.reddit.com/comments/abc123');
  });

  it('drops NSFW, stickied and removed posts but counts them as children', () => {
    const result = parseListing(
      page([
        child(post('keep')),
        child(post('nsfw', { over_18: true })),
        child(post('sticky', { stickied: true })),
        child(post('removed', { removed_by_category: 'moderator' })),
        child(post('deleted', { removed_by_category: 'deleted' })),
        child(post('keep2', { over_18: false, stickied: false, removed_by_category: null })),
      ]),
      URL,
    );
    expect(result.posts.map((p) => p.id)).toEqual(['keep', 'keep2']);
    expect(result.childCount).toBe(6);
  });

  it('skips malformed children and non-post kinds, keeping the rest', () => {
    const result = parseListing(
      page([
        child(post('good1')),
        child(post('strscore', { score: '12', num_comments: '3', link_flair_text: 2026 })),
        child(post('noscore', { score: 'many' })),
        child(post('noid', { id: '' })),
        child({ ...post('nosub'), subreddit: undefined }),
        child(post('c1'), 't1'),
        child(post('m1'), 'more'),
        { kind: 't3', data: null },
        { kind: 't3' },
        { data: post('nokind') },
        null,
        'junk',
        child(post('good2')),
      ]),
      URL,
    );
    // A numeric string or a numeric flair is coerced; what cannot be read is counted, with an id to look for.
    expect(result.posts.map((p) => p.id)).toEqual(['good1', 'strscore', 'good2']);
    expect(result.posts[1]).toMatchObject({ score: 12, numComments: 3, flair: '2026' });
    expect(result.malformed.map((m) => m.id)).toEqual(['noscore', undefined, 'nosub', undefined]);
    // A post without an id is told apart by what it holds.
    expect(result.malformed[3]!.key).toMatch(/^hash:[0-9a-f]{64}$/);
    expect(result.childCount).toBe(13);
  });

  it('refuses a body that is not a listing, naming the URL', () => {
    const bodies: unknown[] = [
      null,
      undefined,
      'not json',
      [],
      { kind: 't5', data: { display_name: 'LocalLLaMA' } },
      { kind: 'Listing' },
      { kind: 'Listing', data: { children: 'none' } },
      { message: 'Forbidden', error: 403 },
    ];
    for (const body of bodies) {
      let error: unknown;
      try {
        parseListing(body, URL);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RedditError);
      expect(error).toMatchObject({ kind: 'malformed', url: URL });
      expect((error as Error).message).toContain(URL);
    }
  });

  it('reads after as null at the end and for an empty page', () => {
    expect(parseListing(page([]), URL)).toEqual({ posts: [], after: null, childCount: 0, malformed: [] });
    expect(parseListing({ kind: 'Listing', data: { children: [] } }, URL).after).toBeNull();
  });

  it('parses every post of the bundled sample day', () => {
    const { posts } = loadSamplePosts();
    const result = parseListing(page(posts.map((p) => child(p))), URL);
    expect(result.childCount).toBe(posts.length);
    expect(result.posts.length).toBe(posts.filter((p) => !p.over_18 && !p.stickied && !p.removed_by_category).length);
    for (const p of result.posts) {
      expect(p.url).toBe(`https://www.reddit.com/comments/${p.id}`);
      expect(p.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(p.title).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    }
  });

  it('reads a listing fetched from the fake with raw_json=1: & and < arrive as they are', async () => {
    const title = 'Q&A: R&D <tools> &amp; more';
    const { client } = await setup({ posts: [rawPost('x1', 'LocalLLaMA', { title, link_flair_text: 'News & Views' }), rawPost('x2', 'LocalLLaMA', { over_18: true })] });
    const result = parseListing(await client.getJson('/r/LocalLLaMA/new'), URL);
    // The literal "&amp;" in the author's title is still decoded: no entity ever reaches a reader.
    expect(result.posts).toEqual([expect.objectContaining({ id: 'x1', title: 'Q&A: R&D <tools> & more', flair: 'News & Views' })]);
    expect(result.childCount).toBe(2);
  });
});

describe('parseCommentThread', () => {
  const comment = (author: string, body: string, extra: Record<string, unknown> = {}) =>
    child({ id: author, author, body, score: 5, stickied: false, distinguished: null, replies: '', ...extra }, 't1');
  const thread = (postData: Record<string, unknown>, comments: unknown[]) => [page([child(postData)]), page(comments)];

  it('keeps top-level comments by people, skipping deleted, removed, AutoModerator, bots, stickied and moderator ones', () => {
    const result = parseCommentThread(
      thread(post('p1', { selftext: 'Body &amp; soul' }), [
        comment('alice', 'Great &amp; useful &lt;3'),
        comment('[deleted]', 'something'),
        comment('carol', '[deleted]'),
        comment('dave', '[removed]'),
        comment('erin', '   '),
        comment('AutoModerator', 'Please read the rules'),
        comment('automoderator', 'lower case too'),
        comment('RemindMeBot', 'I will be messaging you'),
        comment('sneakpeekbot', 'here is a sneak peek'),
        comment('mod1', 'Pinned note', { stickied: true }),
        comment('mod2', 'Speaking as a moderator', { distinguished: 'moderator' }),
        comment('bob', 'Second opinion', { score: -2, distinguished: null }),
        child({ count: 40, name: 't1__', id: '_', children: ['x', 'y'] }, 'more'),
        child({ author: 'broken', body: 'no score' }, 't1'),
      ]),
      URL,
    );
    expect(result.comments).toEqual([
      { author: 'alice', body: 'Great & useful <3', score: 5 },
      { author: 'bob', body: 'Second opinion', score: -2 },
    ]);
    expect(result.selftext).toBe('Body & soul');
    expect(result.post).toMatchObject({ id: 'p1', url: 'https://www.reddit.com/comments/p1' });
  });

  it('gives post null for a post the report must not show, but keeps its comments', () => {
    const result = parseCommentThread(thread(post('nsfw', { over_18: true }), [comment('alice', 'hi')]), URL);
    expect(result.post).toBeNull();
    expect(result.comments).toHaveLength(1);
  });

  it('tolerates a post listing without a usable post', () => {
    const result = parseCommentThread([page([]), page([comment('alice', 'hi')])], URL);
    expect(result).toEqual({ post: null, selftext: '', comments: [{ author: 'alice', body: 'hi', score: 5 }] });
  });

  it('refuses a body that is not [post listing, comment listing], naming the URL', () => {
    for (const body of [null, {}, page([]), [page([])], [page([]), { kind: 'Listing' }], [{ error: 404 }, page([])]]) {
      let error: unknown;
      try {
        parseCommentThread(body, URL);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ kind: 'malformed', url: URL });
      expect((error as Error).message).toContain(URL);
    }
  });

  it('reads a thread fetched from the fake: only top-level comments, the "more" stub ignored', async () => {
    const comments: RawComment[] = [
      { id: 'c1', author: 'alice', body: 'x & y <z>', score: 30, replies: [{ id: 'r1', author: 'reply', body: 'nested', score: 99 }] },
      { id: 'c2', author: '[deleted]', body: '[deleted]', score: 1 },
      { id: 'c3', author: 'AutoModerator', body: 'rules', score: 1, stickied: true },
      { id: 'c4', author: 'bob', body: 'fine', score: 4 },
      { id: 'c5', author: 'late', body: 'behind the more stub', score: 2 },
    ];
    const { client } = await setup({ posts: [rawPost('p9', 'LocalLLaMA', { selftext: 'a & b' })], comments: { p9: comments } });
    const body = await client.getJson('/comments/p9', { limit: 4, depth: 1 });
    const result = parseCommentThread(body, URL);
    expect(result.comments).toEqual([
      { author: 'alice', body: 'x & y <z>', score: 30 },
      { author: 'bob', body: 'fine', score: 4 },
    ]);
    expect(result.selftext).toBe('a & b');
    expect(result.post?.id).toBe('p9');
  });

  it('a thread request the fake breaks ends in a malformed error, not a crash', async () => {
    const { client, fake } = await setup();
    fake.inject('/comments/', { kind: 'malformed' });
    const error = await rejection(client.getJson('/comments/a1'));
    expect(error).toMatchObject({ kind: 'malformed' });
  });
});

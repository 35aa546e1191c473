import { describe, expect, it } from 'vitest';
import { RedditError } from '../../../src/reddit/errors.js';
import { anchorsOf, htmlToText, selftextOf } from '../../../src/reddit/feeds/html.js';
import { isNsfwTitle, parseCommentFeed, parseFeedPage } from '../../../src/reddit/feeds/parse.js';
import { commentEntry, feedXml, postEntry } from '../../fakes/reddit-atom.js';
import type { RawPost } from '../../fakes/reddit.js';

const NOW = 1_770_796_800; // 2026-02-11T08:00:00Z
const URL = 'https://www.reddit.com/r/LocalLLaMA/top/.rss?t=day';
const raw = (id: string, extra: Partial<RawPost> = {}): RawPost => ({ id, title: `Post ${id}`, subreddit: 'LocalLLaMA', score: 1, num_comments: 1, created_utc: NOW - 3600, author: 'alice', ...extra });
const feed = (...entries: string[]) => feedXml({ self: '/r/LocalLLaMA/top/.rss?t=day', title: 'top', updated: NOW }, entries);

// One entry exactly as Reddit writes it (whitespace, &#32; and the anchors included), not through the fake.
const REDDIT_ENTRY =
  '<entry><author><name>/u/some_dev</name><uri>https://www.reddit.com/user/some_dev</uri></author>' +
  '<category term="LocalLLaMA" label="r/LocalLLaMA"/>' +
  '<content type="html">&lt;!-- SC_OFF --&gt;&lt;div class=&quot;md&quot;&gt;&lt;p&gt;We&amp;#39;re releasing v2 &amp;amp; the weights.&lt;/p&gt; ' +
  '&lt;ul&gt; &lt;li&gt;fast&lt;/li&gt; &lt;li&gt;&lt;strong&gt;small&lt;/strong&gt;&lt;/li&gt; &lt;/ul&gt; &lt;p&gt;x &amp;lt; y&lt;br/&gt; next&lt;/p&gt; &lt;/div&gt;&lt;!-- SC_ON --&gt; ' +
  '&amp;#32; submitted by &amp;#32; &lt;a href=&quot;https://www.reddit.com/user/some_dev&quot;&gt; /u/some_dev &lt;/a&gt; &lt;br/&gt; ' +
  '&lt;span&gt;&lt;a href=&quot;https://github.com/org/repo/releases?tag=v2&amp;amp;x=1&quot;&gt;[link]&lt;/a&gt;&lt;/span&gt; &amp;#32; ' +
  '&lt;span&gt;&lt;a href=&quot;https://www.reddit.com/r/LocalLLaMA/comments/1abc23/v2_released/&quot;&gt;[comments]&lt;/a&gt;&lt;/span&gt;</content>' +
  '<id>t3_1abc23</id><media:thumbnail url="https://b.thumbs.redditmedia.com/x.jpg" />' +
  '<link href="https://www.reddit.com/r/LocalLLaMA/comments/1abc23/v2_released/" /><updated>2026-02-11T07:00:00+00:00</updated>' +
  '<published>2026-02-11T06:30:00+00:00</published><title>v2 &amp;amp; weights: Q&amp;A &lt;today&gt;</title></entry>';

describe('parseFeedPage', () => {
  it("reads Reddit's entry: t3_ id, community, decoded title, time, the self-text as plain text, [link] as the link; no numbers", () => {
    const page = parseFeedPage(feed(REDDIT_ENTRY), URL);
    expect(page.malformed).toEqual([]);
    expect(page.posts).toEqual([
      {
        position: 1,
        post: {
          id: '1abc23',
          title: 'v2 & weights: Q&A <today>',
          subreddit: 'LocalLLaMA',
          score: null,
          numComments: null,
          flair: null,
          createdAt: '2026-02-11T06:30:00.000Z',
          url: 'https://www.reddit.com/comments/1abc23',
          domain: 'github.com',
          linkUrl: 'https://github.com/org/repo/releases?tag=v2&x=1',
          selftext: "We're releasing v2 & the weights.\n\n- fast\n- small\n\nx < y\nnext",
        },
      },
    ]);
    expect(JSON.stringify(page.posts)).not.toMatch(/<(p|div|a|li|strong|br)\b|&amp;|&#/);
  });

  it('a text post: [link] points at the post itself, so no link and the domain says self.<community>', () => {
    const { posts } = parseFeedPage(feed(postEntry(raw('s1', { selftext: 'Hello & welcome' }))), URL);
    expect(posts[0]!.post).toMatchObject({ domain: 'self.LocalLLaMA', selftext: 'Hello & welcome' });
    expect(posts[0]!.post.linkUrl).toBeUndefined();
    const link = parseFeedPage(feed(postEntry(raw('l1', { url: 'https://arxiv.org/abs/2602.01234' }))), URL).posts[0]!.post;
    expect(link).toMatchObject({ domain: 'arxiv.org', linkUrl: 'https://arxiv.org/abs/2602.01234' });
    expect('selftext' in link).toBe(false);
  });

  it('leaves out AutoModerator, bots and NSFW-tagged titles, and counts every entry in the positions', () => {
    const xml = feed(
      postEntry(raw('a1', { author: 'AutoModerator', title: 'Weekly thread' })),
      postEntry(raw('a2', { title: '[NSFW] some model' })),
      postEntry(raw('a3', { author: 'RemindMeBot' })),
      postEntry(raw('a4', { title: 'A real post (nsfw)' })),
      postEntry(raw('a5', { title: 'NSFW: filters in Stable Diffusion' })),
      postEntry(raw('a6', { title: 'Unsafe? No: NSFWish is not a tag', author: '[deleted]' })),
    );
    const page = parseFeedPage(xml, URL);
    expect(page.posts.map((p) => [p.post.id, p.position])).toEqual([['a6', 6]]);
    expect(page.leftOut).toBe(5);
  });

  it('skips malformed entries with a count: no t3_ id, a comment, an odd community, no time, no title', () => {
    const ok = postEntry(raw('good'));
    const xml = feed(
      ok.replace('<id>t3_good</id>', ''),
      ok.replace('t3_good', 't1_good'),
      ok.replace('t3_good', 't3_b'),
      ok.replace('t3_good', 't3_c').replace(/term="LocalLLaMA"/, 'term="Local LLaMA!"'),
      ok.replace('t3_good', 't3_d').replace(/<published>[^<]*<\/published>/, ''),
      ok.replace('t3_good', 't3_e').replace(/<title>[^<]*<\/title>/, ''),
      ok.replace('t3_good', 't3_f').replace(/<published>[^<]*</, '<published>yesterday<'),
    );
    const page = parseFeedPage(xml, URL);
    expect(page.posts.map((p) => [p.post.id, p.position])).toEqual([['b', 3]]);
    expect(page.malformed.map((m) => m.id ?? 'no id')).toEqual(['no id', 't1_good', 'c', 'd', 'e', 'f']);
    expect(page.malformed[0]!.key).toMatch(/^hash:[0-9a-f]{64}$/);
  });

  it('an empty feed is no posts; a cut-off feed, an HTML page or another XML document is a malformed error naming the URL', () => {
    expect(parseFeedPage(feed(), URL).posts).toEqual([]);
    expect(parseFeedPage('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', URL).posts).toEqual([]);
    const full = feed(postEntry(raw('a1')), postEntry(raw('a2')));
    for (const body of [full.slice(0, full.length - 200), '<!doctype html><html><body><p>Hi<br></body></html>', '<rss><channel/></rss>', '']) {
      const error = (() => {
        try {
          parseFeedPage(body, URL);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(RedditError);
      expect((error as RedditError).kind).toBe('malformed');
      expect((error as Error).message).toContain(URL);
    }
  });

  it('takes control characters and bidi overrides out of titles', () => {
    const { posts } = parseFeedPage(feed(postEntry(raw('x1', { title: 'evil\u001b[2J \u202eloc title' }))), URL);
    expect(posts[0]!.post.title).toBe('evil[2J loc title');
  });
});

describe('parseCommentFeed', () => {
  const post = raw('p1', { selftext: 'The body &amp; more\n\nSecond paragraph' });
  const comments = [
    { id: 'c1', author: 'AutoModerator', body: 'Rules', score: 100 },
    { id: 'c2', author: 'bob', body: 'Great **work** & thanks', score: 50 },
    { id: 'c3', author: '[deleted]', body: '[deleted]', score: 40 },
    { id: 'c4', author: 'carol', body: '[removed]', score: 30 },
    { id: 'c5', author: 'dave', body: 'x'.repeat(1000), score: 20 },
    { id: 'c6', author: 'erin', body: 'third', score: 10 },
  ];
  const xml = feedXml({ self: '/r/LocalLLaMA/comments/p1/.rss', title: 'p1', updated: NOW }, [
    postEntry(post),
    ...comments.map((c, i) => commentEntry(c, post, NOW + i)),
  ]);
  const now = new Date(NOW * 1000);

  it('the body from the first entry, then the t1_ comments in feed order without bots, deleted or removed ones, score null, bounded', () => {
    const details = parseCommentFeed(xml, URL, 'p1', now, { comments: 2, selftextChars: 1200, commentChars: 100 });
    expect(details.id).toBe('p1');
    expect(details.fetchedAt).toBe(now.toISOString());
    expect(details.selftext).toBe('The body &amp; more\n\nSecond paragraph');
    expect(details.topComments).toEqual([
      { author: 'bob', body: 'Great **work** & thanks', score: null },
      { author: 'dave', body: `${'x'.repeat(100)} …`, score: null },
    ]);
  });

  it('a feed that does not start with the post asked for is malformed', () => {
    expect(() => parseCommentFeed(xml, URL, 'other', now)).toThrow(/does not start with post other/);
  });
});

describe('content HTML', () => {
  it('finds the [link] and [comments] anchors and the SC_OFF body; none for a link post', () => {
    const html = '&#32; submitted by <a href="u"> /u/x </a> <span><a href="https://x.example/?a=1&amp;b=2">[link]</a></span> <span><a href=\'https://www.reddit.com/c/\'>[comments]</a></span>';
    expect(anchorsOf(html)).toEqual({ link: 'https://x.example/?a=1&b=2', comments: 'https://www.reddit.com/c/' });
    expect(selftextOf(html)).toBe('');
  });

  it('turns HTML into plain text in linear time, even on a hostile body', () => {
    expect(htmlToText('<p>a<br>b</p><p>c &amp; d</p><pre><code>e</code></pre>')).toBe('a\nb\n\nc & d\n\ne');
    const started = performance.now();
    expect(htmlToText('<'.repeat(200_000))).toBe('');
    expect(htmlToText('a<b'.repeat(50_000)).startsWith('a')).toBe(true);
    expect(anchorsOf('<a href="'.repeat(50_000))).toEqual({});
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('NSFW as a word only', () => {
    expect(['[NSFW] x', '(nsfw)', 'Nsfw content', 'x #NSFW'].every(isNsfwTitle)).toBe(true);
    expect(['nsfwish', 'unsfw', 'SFW only'].some(isNsfwTitle)).toBe(false);
  });
});

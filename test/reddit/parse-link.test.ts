import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/reddit/parse.js';
import { loadSample } from '../../src/sample/sample.js';

// Where a post links, for the analyst (a GitHub release is not a video demo).

const child = (data: Record<string, unknown>) => ({
  kind: 't3',
  data: { id: 'abc123', title: 'T', subreddit: 'LocalLLaMA', score: 1, num_comments: 2, created_utc: 1770000000, ...data },
});
const parse = (data: Record<string, unknown>) => parseListing({ kind: 'Listing', data: { after: null, children: [child(data)] } }, '/r/x/top').posts[0]!;

describe('domain and link of a post', () => {
  it('keeps the domain and the link of a link post', () => {
    const post = parse({ domain: 'github.com', url: 'https://github.com/org/repo/releases/tag/v1.2', permalink: '/r/LocalLLaMA/comments/abc123/t/' });
    expect(post.domain).toBe('github.com');
    expect(post.linkUrl).toBe('https://github.com/org/repo/releases/tag/v1.2');
    expect(post.url).toBe('https://www.reddit.com/comments/abc123');
  });

  it('a text post has its self domain and no link; odd values are dropped, not fatal', () => {
    const self = parse({ domain: 'self.LocalLLaMA', url: 'https://www.reddit.com/r/LocalLLaMA/comments/abc123/t/', permalink: '/r/LocalLLaMA/comments/abc123/t/' });
    expect(self.domain).toBe('self.LocalLLaMA');
    expect(self.linkUrl).toBeUndefined();
    const odd = parse({ domain: 'evil) [x](http://a)', url: 'javascript:alert(1)' });
    expect(odd.domain).toBeUndefined();
    expect(odd.linkUrl).toBeUndefined();
    expect(parse({ domain: 42, url: {} }).id).toBe('abc123');
  });

  it('the bundled sample has neither (its url is each post’s own permalink)', () => {
    for (const post of loadSample().posts) {
      expect(post.linkUrl).toBeUndefined();
      expect(post.domain).toBeUndefined();
    }
  });
});

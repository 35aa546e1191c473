import fc from 'fast-check';
import { postUrl, type Comment, type Post, type ReportSource, type PostDetails } from '../../src/models.js';
import { NOW } from './posts.js';

// Random days as Reddit's public feeds give them, for the property tests of "no invented number": titles
// with digits and with the very words a count goes with ("points", "comments"), never a count itself;
// random places in the top lists; no points, comment counts or flair; comments without scores; any source.

/**
 * A number followed by what the feeds never give: "12 points", "1.2k upvotes", "1,660-point", "40
 * comments", "▲12", "💬4". A list's "4." before a title starting with "votes" is a list marker, not one.
 */
export const inventedFigure = /\d+(?:[,.]\d+)*[ \t]?k?[ \t]*-?(?:points?|upvotes?|votes?|comments?|replies)\b|[▲💬][ \t]*\d/i;

const words = [
  'Qwen3', 'GPT-5.2', 'Seedance', 'Gemma', 'Kimi', 'RAG', 'agents', 'local', 'model', 'release', 'benchmark', 'weights', 'open',
  '12x', '30%', '15GB', 'VRAM', 'v0.9.2', '2026', '100', '7B', '3', '48', '#1', 'top', 'Reddit', 'score', 'points', 'comments',
  'upvotes', 'votes', 'replies', 'is', 'out', 'on', 'a', 'laptop', 'faster', 'than', 'ever', 'Claude', 'Opus', '4.6',
];
const bodyWords = words.filter((w) => !/^(points|comments|upvotes|votes|replies)$/.test(w));

const sentence = (vocabulary: string[], max: number) =>
  fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: max }).map((ws) => ws.join(' '));

/** A title with digits and count words, but no count: that would be the author's text, not ours. */
export const feedTitle = sentence(words, 12).filter((title) => !inventedFigure.test(title));

const HOUR = 3_600_000;

export const feedPost: fc.Arbitrary<Post> = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9]{6}$/),
    title: feedTitle,
    subreddit: fc.constantFrom('LocalLLaMA', 'singularity', 'Rag', 'MachineLearning', 'AI_Agents'),
    hoursAgo: fc.integer({ min: 0, max: 30 * 24 - 1 }),
    day: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    week: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    month: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  })
  .map(({ id, title, subreddit, hoursAgo, day, week, month }) => {
    const topRank = { ...(day !== undefined ? { day } : {}), ...(week !== undefined ? { week } : {}), ...(month !== undefined ? { month } : {}) };
    return {
      id,
      title,
      subreddit,
      score: null,
      numComments: null,
      flair: null,
      createdAt: new Date(NOW.getTime() - hoursAgo * HOUR - 60_000).toISOString(),
      url: postUrl(id),
      ...(Object.keys(topRank).length > 0 ? { topRank } : {}),
    };
  });

/** Posts with distinct ids. */
export const feedPosts = fc.uniqueArray(feedPost, { minLength: 1, maxLength: 40, selector: (p) => p.id });

const comment: fc.Arbitrary<Comment> = fc.record({ author: fc.constantFrom('alice', 'bob'), body: sentence(bodyWords, 20).map((s) => `${s}.`), score: fc.constant(null) });

/** Bodies and comments (from the comment feeds: no comment scores) for some of `posts`. */
export function feedDetails(posts: Post[]): fc.Arbitrary<Record<string, PostDetails>> {
  return fc.array(fc.record({ selftext: sentence(bodyWords, 30).map((s) => `${s}.`), topComments: fc.array(comment, { maxLength: 3 }) }), { minLength: posts.length, maxLength: posts.length }).chain((all) =>
    fc.subarray(posts.map((p, i) => [p.id, all[i]!] as const)).map((chosen) =>
      Object.fromEntries(chosen.map(([id, d]) => [id, { id, selftext: d.selftext, topComments: d.topComments, fetchedAt: NOW.toISOString() }])),
    ),
  );
}

/**
 * Any source a collection of posts without numbers can come with: the feeds, a stale feeds day, the
 * sample, even one that claims the API's numbers (buildReport corrects numbersMissing). Not none: a
 * report without a source was stored before the ladder, from the API, with numbers.
 */
export const sourceWithoutNumbers: fc.Arbitrary<ReportSource> = fc.oneof(  fc.record({ mode: fc.constant('feeds' as const), requests: fc.integer({ min: 1, max: 20 }), elapsedMs: fc.integer({ min: 0, max: 30 * 60_000 }), numbersMissing: fc.constant(true) }),
  fc.record({ mode: fc.constant('stale' as const), staleFrom: fc.record({ date: fc.constantFrom('2026-02-09', '2026-02-10'), mode: fc.constant('feeds' as const) }), numbersMissing: fc.constant(true) }),
  fc.record({ mode: fc.constant('sample' as const), numbersMissing: fc.constant(true) }),
  fc.record({ mode: fc.constant('api' as const), requests: fc.integer({ min: 1, max: 20 }), elapsedMs: fc.integer({ min: 0, max: 60_000 }), numbersMissing: fc.boolean() }),
);

/** Questions, a few about counts. */
export const question = fc.oneof(
  fc.constantFrom('how many upvotes does it have?', 'How many comments did the Qwen3 post get?', 'what is the number of points of Gemma?', 'how popular is Seedance?'),
  sentence(words, 8),
);

import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/models.js';
import { byRank, limits, selectCommunities, selectSections, selectTodayCandidates, uniquePosts } from '../../src/report/select.js';
import { ago, DAY, HOUR, ids, makePost, NOW } from '../helpers/posts.js';

/** Deterministic shuffle, so the tests prove order comes from the rules, not from the input. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function allSectionIds(posts: Post[]): string[] {
  const s = selectSections(posts, NOW);
  return [...s.today, ...s.week, ...s.month, ...s.communities.flatMap((c) => c.posts)].map((p) => p.id);
}

describe('limits', () => {
  it('are the ones the report promises', () => {
    expect(limits).toMatchObject({ today: 10, week: 20, month: 20, perCommunity: 3, todayMinComments: 10 });
  });
});

describe('exclusion of posts created after now', () => {
  it('keeps a post created exactly at now and drops one created a millisecond later, in every section', () => {
    const atNow = makePost({ id: 'atnow', createdAt: NOW.toISOString() });
    const future = makePost({ id: 'future', createdAt: ago(-1), score: 99_999, numComments: 999 });
    const farFuture = makePost({ id: 'nextday', createdAt: ago(-DAY), score: 99_999, numComments: 999 });
    const s = selectSections([atNow, future, farFuture], NOW);
    expect(ids(s.today)).toEqual(['atnow']);
    expect(ids(s.week)).toEqual(['atnow']);
    expect(ids(s.month)).toEqual(['atnow']);
    expect(s.communities.flatMap((c) => ids(c.posts))).toEqual(['atnow']);
  });
});

describe('windows applied to createdAt', () => {
  it('Today is (now - 24h, now]: exactly 24 hours old is out, a millisecond younger is in', () => {
    const edge = makePost({ id: 'edge', createdAt: ago(DAY) });
    const inside = makePost({ id: 'inside', createdAt: ago(DAY - 1) });
    const s = selectSections([edge, inside], NOW);
    expect(ids(s.today)).toEqual(['inside']);
    expect(s.communities.flatMap((c) => ids(c.posts))).toEqual(['inside']);
    // The 24-hour-old post still belongs to the week and the month.
    expect(ids(s.week).sort()).toEqual(['edge', 'inside']);
    expect(ids(s.month).sort()).toEqual(['edge', 'inside']);
  });

  it('Week is 7 days: exactly 7 days old is out of the week but in the month', () => {
    const edge = makePost({ id: 'edge', createdAt: ago(7 * DAY) });
    const inside = makePost({ id: 'inside', createdAt: ago(7 * DAY - 1) });
    const s = selectSections([edge, inside], NOW);
    expect(ids(s.week)).toEqual(['inside']);
    expect(ids(s.month).sort()).toEqual(['edge', 'inside']);
    expect(s.today).toEqual([]);
  });

  it('Month is 30 days: exactly 30 days old is out', () => {
    const edge = makePost({ id: 'edge', createdAt: ago(30 * DAY) });
    const inside = makePost({ id: 'inside', createdAt: ago(30 * DAY - 1) });
    const s = selectSections([edge, inside], NOW);
    expect(ids(s.month)).toEqual(['inside']);
    expect(s.week).toEqual([]);
  });

  it('a high-scoring old post never enters a shorter window', () => {
    const old = makePost({ id: 'old', createdAt: ago(3 * DAY), score: 50_000, numComments: 500 });
    const fresh = makePost({ id: 'fresh', createdAt: ago(HOUR), score: 5 });
    const s = selectSections([old, fresh], NOW);
    expect(ids(s.today)).toEqual(['fresh']);
    expect(ids(s.week)).toEqual(['old', 'fresh']);
  });
});

describe("Today's Trending Posts", () => {
  it('needs more than 10 comments: 10 is out, 11 is in', () => {
    const ten = makePost({ id: 'ten', numComments: 10, score: 1000 });
    const eleven = makePost({ id: 'eleven', numComments: 11, score: 1 });
    const s = selectSections([ten, eleven], NOW);
    expect(ids(s.today)).toEqual(['eleven']);
    // The threshold is Today's (and the communities'); the week and month take any post.
    expect(ids(s.week)).toEqual(['ten', 'eleven']);
  });

  it('is the top 10 by score', () => {
    const posts = Array.from({ length: 15 }, (_, i) => makePost({ id: `t${String(i).padStart(2, '0')}`, score: i * 10 }));
    const s = selectSections(shuffled(posts), NOW);
    expect(s.today).toHaveLength(10);
    expect(s.today.map((p) => p.score)).toEqual([140, 130, 120, 110, 100, 90, 80, 70, 60, 50]);
  });

  it('ignores score-rich posts without a conversation rather than showing fewer than it could', () => {
    const quiet = Array.from({ length: 12 }, (_, i) => makePost({ id: `q${i}`, score: 10_000, numComments: 3 }));
    const talked = Array.from({ length: 4 }, (_, i) => makePost({ id: `c${i}`, score: 10 + i, numComments: 30 }));
    const s = selectSections([...quiet, ...talked], NOW);
    expect(ids(s.today)).toEqual(['c3', 'c2', 'c1', 'c0']);
  });
});

describe('Weekly and Monthly Popular Posts', () => {
  it('are the top 20 by score, comment count not required', () => {
    const posts = Array.from({ length: 25 }, (_, i) =>
      makePost({ id: `w${String(i).padStart(2, '0')}`, score: 1000 - i, numComments: i % 2 === 0 ? 0 : 50, createdAt: ago((i % 6) * DAY + HOUR) }),
    );
    const s = selectSections(shuffled(posts), NOW);
    expect(ids(s.week)).toEqual(ids(posts.slice(0, 20)));
    expect(ids(s.month)).toEqual(ids(posts.slice(0, 20)));
  });

  it('month ranks over the whole 30 days, including posts of the last week and day', () => {
    const today = makePost({ id: 'today', score: 900 });
    const lastWeek = makePost({ id: 'lastweek', score: 800, createdAt: ago(5 * DAY) });
    const older = makePost({ id: 'older', score: 850, createdAt: ago(20 * DAY) });
    expect(ids(selectSections([today, lastWeek, older], NOW).month)).toEqual(['today', 'older', 'lastweek']);
  });
});

describe('ties: score desc, then numComments desc, then id asc', () => {
  it('byRank orders by score first', () => {
    const a = makePost({ id: 'a', score: 5, numComments: 999 });
    const b = makePost({ id: 'b', score: 6, numComments: 11 });
    expect([a, b].sort(byRank).map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('then by comments, then by id, whatever the input order', () => {
    const posts = [
      makePost({ id: 'zz', score: 50, numComments: 40 }),
      makePost({ id: 'bb', score: 50, numComments: 30 }),
      makePost({ id: 'aa', score: 50, numComments: 30 }),
      makePost({ id: 'ab', score: 50, numComments: 30 }),
      makePost({ id: 'top', score: 51, numComments: 11 }),
    ];
    const expected = ['top', 'zz', 'aa', 'ab', 'bb'];
    for (const input of [posts, [...posts].reverse(), shuffled(posts)]) {
      const s = selectSections(input, NOW);
      expect(ids(s.today)).toEqual(expected);
      expect(ids(s.week)).toEqual(expected);
      expect(ids(s.month)).toEqual(expected);
      expect(ids(s.communities[0]!.posts)).toEqual(expected.slice(0, 3));
    }
  });

  it('the tie-break decides which post makes the cut', () => {
    const posts = Array.from({ length: 11 }, (_, i) => makePost({ id: `id${String(10 - i).padStart(2, '0')}`, score: 100, numComments: 20 }));
    const s = selectSections(posts, NOW);
    expect(ids(s.today)).toEqual(['id00', 'id01', 'id02', 'id03', 'id04', 'id05', 'id06', 'id07', 'id08', 'id09']);
  });
});

describe('duplicates', () => {
  it('a post seen in two listings counts once, in every section', () => {
    const first = makePost({ id: 'dup', score: 500, numComments: 40 });
    const again = { ...first };
    const other = makePost({ id: 'other', score: 10 });
    const s = selectSections([first, other, again], NOW);
    expect(ids(s.today)).toEqual(['dup', 'other']);
    expect(ids(s.week)).toEqual(['dup', 'other']);
    expect(ids(s.month)).toEqual(['dup', 'other']);
    expect(ids(s.communities[0]!.posts)).toEqual(['dup', 'other']);
  });

  it('a duplicate does not push another post out of a top-N', () => {
    const posts = Array.from({ length: 10 }, (_, i) => makePost({ id: `u${i}`, score: 100 + i }));
    const dupes = posts.map((p) => ({ ...p }));
    const s = selectSections([...posts, ...dupes], NOW);
    expect(s.today).toHaveLength(10);
    expect(new Set(ids(s.today)).size).toBe(10);
  });

  it('keeps the freshest numbers (the higher score) whichever listing came first', () => {
    const older = makePost({ id: 'same', score: 100, numComments: 20 });
    const newer = { ...older, score: 120, numComments: 25 };
    expect(uniquePosts([older, newer])).toEqual([newer]);
    expect(uniquePosts([newer, older])).toEqual([newer]);
    expect(selectSections([older, newer], NOW).today).toEqual([newer]);
  });
});

describe('Top Posts by Community (Past 24 Hours)', () => {
  const order = ['AI_Agents', 'datascience', 'LocalLLaMA', 'LocalLLM', 'MachineLearning', 'Rag', 'singularity'];

  it('orders subreddits case-insensitively', () => {
    const posts = shuffled(order).map((subreddit, i) => makePost({ id: `s${i}`, subreddit }));
    const s = selectSections(posts, NOW);
    expect(s.communities.map((c) => c.subreddit)).toEqual(order);
  });

  it('keeps the top 3 of each subreddit, by the same rank', () => {
    const posts = [5, 1, 4, 2, 3].map((n) => makePost({ id: `r${n}`, subreddit: 'Rag', score: n * 10 }));
    const s = selectSections(posts, NOW);
    expect(s.communities).toEqual([{ subreddit: 'Rag', posts: [posts[0], posts[2], posts[4]] }]);
  });

  it("uses Today's candidate set before its top-10 cut", () => {
    const big = Array.from({ length: 11 }, (_, i) => makePost({ id: `big${i}`, subreddit: 'singularity', score: 1000 + i }));
    const small = makePost({ id: 'small', subreddit: 'Rag', score: 1 });
    const s = selectSections([...big, small], NOW);
    expect(ids(s.today)).not.toContain('small');
    expect(s.communities.map((c) => c.subreddit)).toEqual(['Rag', 'singularity']);
    expect(ids(s.communities[0]!.posts)).toEqual(['small']);
    expect(ids(s.communities[1]!.posts)).toEqual(['big10', 'big9', 'big8']);
  });

  it("applies Today's window and comment threshold, and omits subreddits left empty", () => {
    const posts = [
      makePost({ id: 'ok', subreddit: 'LocalLLM' }),
      makePost({ id: 'quiet', subreddit: 'datascience', numComments: 10 }),
      makePost({ id: 'old', subreddit: 'MachineLearning', createdAt: ago(DAY) }),
      makePost({ id: 'future', subreddit: 'AI_Agents', createdAt: ago(-HOUR) }),
    ];
    const s = selectSections(posts, NOW);
    expect(s.communities).toEqual([{ subreddit: 'LocalLLM', posts: [posts[0]] }]);
  });

  it('selectCommunities on an empty candidate set is empty, not a list of empty groups', () => {
    expect(selectCommunities([])).toEqual([]);
    expect(selectSections([makePost({ numComments: 0 })], NOW).communities).toEqual([]);
  });

  it('selectTodayCandidates is ranked and uncut', () => {
    const posts = Array.from({ length: 14 }, (_, i) => makePost({ id: `c${String(i).padStart(2, '0')}`, score: i }));
    const candidates = selectTodayCandidates(shuffled(posts), NOW);
    expect(candidates).toHaveLength(14);
    expect(candidates.map((p) => p.score)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });
});

describe('selection is pure', () => {
  it('does not reorder or change its input', () => {
    const posts = [makePost({ score: 1 }), makePost({ score: 3 }), makePost({ score: 2 })];
    const copy = structuredClone(posts);
    selectSections(posts, NOW);
    expect(posts).toEqual(copy);
  });

  it('gives the same answer for the same input in any order', () => {
    const posts = Array.from({ length: 40 }, (_, i) =>
      makePost({ id: `x${i}`, score: (i * 37) % 11, numComments: 5 + ((i * 13) % 9), subreddit: i % 3 ? 'Rag' : 'rag2', createdAt: ago((i % 9) * 4 * DAY + HOUR) }),
    );
    expect(selectSections(shuffled(posts), NOW)).toEqual(selectSections(posts, NOW));
    expect(allSectionIds(posts).length).toBeGreaterThan(0);
  });
});

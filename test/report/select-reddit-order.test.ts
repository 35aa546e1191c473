import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { byPoints, byRedditOrder, mergeTopRanks, snapshotBasis } from '../../src/report/rank-basis.js';
import { selectSections, uniquePosts } from '../../src/report/select.js';
import { standingOf, standingWords } from '../../src/report/standing.js';
import { ago, DAY, HOUR, ids, makePost, NOW } from '../helpers/posts.js';

// Selection without numbers (the public feeds): Reddit's own top lists give the order, per report.

/** A post as the feeds give it: no points, no comment count, no flair, its places in Reddit's top lists. */
function feedPost(overrides: Partial<Post> & { id: string }): Post {
  return makePost({ score: null, numComments: null, flair: null, ...overrides });
}

describe('the ranking basis', () => {
  it('is decided per snapshot: one post without numbers, or the source saying so, makes it Reddit’s order', () => {
    expect(snapshotBasis([makePost(), makePost()])).toBe('points');
    expect(snapshotBasis([makePost(), feedPost({ id: 'x1' })])).toBe('reddit-order');
    expect(snapshotBasis([makePost()], { numbersMissing: true })).toBe('reddit-order');
    expect(snapshotBasis([makePost()], { numbersMissing: false })).toBe('points');
  });

  it('buildReport takes it from the collected source, and keeps the source', () => {
    // Numbers present on every post (archive-filled), but the source is the feeds: Reddit's order rules.
    const posts = [
      makePost({ id: 'a1', score: 10, numComments: 50, numbersFrom: 'archive', topRank: { day: 2 } }),
      makePost({ id: 'a2', score: 900, numComments: 50, numbersFrom: 'archive', topRank: { day: 1 } }),
    ];
    const source = { mode: 'feeds' as const, numbersMissing: true, requests: 5, elapsedMs: 1000 };
    const report = buildReport(posts, NOW, [], source);
    expect(ids(report.sections.today)).toEqual(['a2', 'a1']);
    expect(report.source).toEqual(source);
    const byPointsReport = buildReport(posts, NOW, [], { mode: 'api', numbersMissing: false });
    expect(ids(byPointsReport.sections.today)).toEqual(['a2', 'a1']);
    // The same posts with the day's order reversed: only the feeds report follows it.
    const reversed = posts.map((p) => ({ ...p, topRank: { day: p.id === 'a1' ? 1 : 2 } }));
    expect(ids(buildReport(reversed, NOW, [], source).sections.today)).toEqual(['a1', 'a2']);
    expect(ids(buildReport(reversed, NOW, [], { mode: 'api', numbersMissing: false }).sections.today)).toEqual(['a2', 'a1']);
    expect(buildReport(posts, NOW).source).toBeUndefined();
  });

  it('corrects a source that claims numbers its posts lack', () => {
    const report = buildReport([feedPost({ id: 'n1', topRank: { day: 1 } })], NOW, [], { mode: 'api', numbersMissing: false, requests: 3 });
    expect(report.source).toEqual({ mode: 'api', numbersMissing: true, requests: 3 });
  });
});

describe('sections in Reddit’s order', () => {
  it('Today is Reddit’s top of the day by its place, at most 10, with no comment rule', () => {
    const posts = Array.from({ length: 14 }, (_, i) => feedPost({ id: `d${String(i).padStart(2, '0')}`, topRank: { day: 14 - i } }));
    const s = selectSections(posts, NOW);
    expect(ids(s.today)).toEqual(['d13', 'd12', 'd11', 'd10', 'd09', 'd08', 'd07', 'd06', 'd05', 'd04']);
  });

  it('the week and the month follow their own lists; a post in no list is in no section', () => {
    const posts = [
      feedPost({ id: 'w1', createdAt: ago(3 * DAY), topRank: { week: 2, month: 5 } }),
      feedPost({ id: 'w2', createdAt: ago(2 * DAY), topRank: { week: 1 } }),
      feedPost({ id: 'm1', createdAt: ago(20 * DAY), topRank: { month: 1 } }),
      feedPost({ id: 't1', topRank: { day: 1, week: 3 } }),
      feedPost({ id: 'none' }),
    ];
    const s = selectSections(posts, NOW);
    expect(ids(s.today)).toEqual(['t1']);
    expect(ids(s.week)).toEqual(['w2', 'w1', 't1']);
    expect(ids(s.month)).toEqual(['m1', 'w1']);
    expect(s.communities.flatMap((c) => ids(c.posts))).toEqual(['t1']);
  });

  it('the windows still apply: a day rank older than 24 hours is not today', () => {
    const posts = [feedPost({ id: 'old', createdAt: ago(DAY + HOUR), topRank: { day: 1 } }), feedPost({ id: 'new', topRank: { day: 2 } })];
    expect(ids(selectSections(posts, NOW).today)).toEqual(['new']);
  });

  it('communities hold each community’s best places in the day’s list', () => {
    const posts = [
      feedPost({ id: 'a', subreddit: 'LocalLLaMA', topRank: { day: 4 } }),
      feedPost({ id: 'b', subreddit: 'LocalLLaMA', topRank: { day: 1 } }),
      feedPost({ id: 'c', subreddit: 'LocalLLaMA', topRank: { day: 9 } }),
      feedPost({ id: 'd', subreddit: 'LocalLLaMA', topRank: { day: 2 } }),
      feedPost({ id: 'e', subreddit: 'singularity', topRank: { day: 3 } }),
    ];
    const s = selectSections(posts, NOW);
    expect(s.communities.map((c) => [c.subreddit, ids(c.posts)])).toEqual([
      ['LocalLLaMA', ['b', 'd', 'a']],
      ['singularity', ['e']],
    ]);
  });

  it('a community the day list left out shows its own list’s places, and none of them enters Today', () => {
    const posts = [
      feedPost({ id: 'top', subreddit: 'LocalLLaMA', topRank: { day: 1 } }),
      feedPost({ id: 'own2', subreddit: 'Rag', topRank: { dayInCommunity: 2 } }),
      feedPost({ id: 'own1', subreddit: 'Rag', topRank: { dayInCommunity: 1 } }),
    ];
    const s = selectSections(posts, NOW);
    expect(ids(s.today)).toEqual(['top']);
    expect(s.communities.map((c) => [c.subreddit, ids(c.posts)])).toEqual([
      ['LocalLLaMA', ['top']],
      ['Rag', ['own1', 'own2']],
    ]);
    expect(standingWords(standingOf(s.communities[1]!.posts[0]!, 'day'))).toBe("#1 in its community's top today");
    expect(mergeTopRanks({ dayInCommunity: 3 }, { dayInCommunity: 2, week: 5 })).toEqual({ week: 5, dayInCommunity: 2 });
  });

  it('a post with archive-filled numbers in a feeds snapshot still ranks by its place, not its points', () => {
    const posts = [
      feedPost({ id: 'rank1', createdAt: ago(2 * DAY), topRank: { week: 1 } }),
      makePost({ id: 'rich', createdAt: ago(3 * DAY), score: 99_999, numComments: 999, numbersFrom: 'archive', topRank: { week: 2 } }),
    ];
    expect(ids(selectSections(posts, NOW).week)).toEqual(['rank1', 'rich']);
  });
});

describe('uniquePosts', () => {
  it('merges the places of copies from several feeds into one post', () => {
    const fromDay = feedPost({ id: 'x', topRank: { day: 3 } });
    const fromWeek = feedPost({ id: 'x', topRank: { week: 7 } });
    const fromMonth = feedPost({ id: 'x', topRank: { month: 12, week: 9 } });
    const [only, ...rest] = uniquePosts([fromDay, fromWeek, fromMonth]);
    expect(rest).toEqual([]);
    expect(only!.topRank).toEqual({ day: 3, week: 7, month: 12 });
    const s = selectSections([fromDay, fromWeek, fromMonth], NOW);
    expect(ids(s.today)).toEqual(['x']);
    expect(ids(s.week)).toEqual(['x']);
    expect(ids(s.month)).toEqual(['x']);
  });

  it('keeps a copy with numbers over one without, and its places', () => {
    const bare = feedPost({ id: 'y', topRank: { week: 4 } });
    const archived = makePost({ id: 'y', score: 120, numComments: 8, numbersFrom: 'archive' });
    const [merged] = uniquePosts([bare, archived]);
    expect(merged).toMatchObject({ score: 120, numComments: 8, numbersFrom: 'archive', topRank: { week: 4 } });
  });

  it('mergeTopRanks keeps each list’s best place', () => {
    expect(mergeTopRanks({ day: 5 }, { day: 2, month: 1 })).toEqual({ day: 2, month: 1 });
    expect(mergeTopRanks(undefined, { week: 1 })).toEqual({ week: 1 });
    expect(mergeTopRanks(undefined, undefined)).toBeUndefined();
  });
});

describe('comparators never count a missing number as 0', () => {
  it('byPoints puts a post without numbers after one with 0 points', () => {
    const zero = makePost({ id: 'z', score: 0, numComments: 0 });
    const none = feedPost({ id: 'a' });
    expect([none, zero].sort(byPoints).map((p) => p.id)).toEqual(['z', 'a']);
  });

  it('byRedditOrder compares in the first list both posts are in', () => {
    const a = feedPost({ id: 'a', topRank: { day: 5, week: 1 } });
    const b = feedPost({ id: 'b', topRank: { day: 2, week: 9 } });
    const c = feedPost({ id: 'c', topRank: { week: 3 } });
    expect([a, b].sort(byRedditOrder).map((p) => p.id)).toEqual(['b', 'a']);
    expect([c, a].sort(byRedditOrder).map((p) => p.id)).toEqual(['a', 'c']);
  });
});

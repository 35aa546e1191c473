import type { CommunityPosts, Post, ReportSections } from '../models.js';
import { byCommunityPlace, byPoints, byTopRank, compareText, mergeTopRanks, snapshotBasis, type RankBasis } from './rank-basis.js';
import { isWithin, windows } from './windows.js';

// Pure selection of the report's sections from one snapshot of posts, on the report's one basis
// (rank-basis.ts): with Reddit's numbers, the points rules below; without them (the public feeds),
// Reddit's own top lists of the day, the week and the month, in Reddit's order.

export const limits = {
  today: 10,
  week: 20,
  month: 20,
  perCommunity: 3,
  /** Today's posts need a conversation, not just votes (only where comment counts are known). */
  todayMinComments: 10,
} as const;

/** Score desc, then comments desc, then id asc: a total order, so reports are reproducible (posts without numbers last). */
export const byRank = byPoints;

/**
 * The same post can arrive from several listings (or feeds); one copy is kept: the freshest numbers
 * (the highest score seen), with its places in every top list it was seen in.
 */
export function uniquePosts(posts: Iterable<Post>): Post[] {
  const byId = new Map<string, Post>();
  for (const post of posts) {
    const seen = byId.get(post.id);
    if (!seen) {
      byId.set(post.id, post);
      continue;
    }
    const kept = byRank(post, seen) < 0 ? post : seen;
    const topRank = mergeTopRanks(seen.topRank, post.topRank);
    byId.set(post.id, topRank ? { ...kept, topRank } : kept);
  }
  return [...byId.values()];
}

/** Posts of the last 24 hours with more than 10 comments: the candidates of Today and of each community. */
export function selectTodayCandidates(posts: Post[], now: Date): Post[] {
  return posts.filter((p) => isWithin(p.createdAt, now, windows.today) && p.numComments !== null && p.numComments > limits.todayMinComments).sort(byRank);
}

export function selectTopInWindow(posts: Post[], now: Date, spanMs: number, count: number): Post[] {
  return posts.filter((p) => isWithin(p.createdAt, now, spanMs)).sort(byRank).slice(0, count);
}

/** Top posts per subreddit among today's candidates (in `order`); subreddits case-insensitively ordered, empty ones omitted. */
export function selectCommunities(candidates: Post[], order: (a: Post, b: Post) => number = byRank): CommunityPosts[] {
  const groups = new Map<string, Post[]>();
  for (const post of [...candidates].sort(order)) {
    const group = groups.get(post.subreddit) ?? [];
    if (group.length < limits.perCommunity) group.push(post);
    groups.set(post.subreddit, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b))
    .map(([subreddit, posts]) => ({ subreddit, posts }));
}

/**
 * Without numbers: Today is Reddit's top of the day (the "more than 10 comments" rule cannot apply:
 * no comment count is known), the week and the month are Reddit's top of the week and of the month, and
 * each community shows its best places in the day's list. The windows still apply to createdAt.
 */
function selectByRedditOrder(posts: Post[], now: Date): ReportSections {
  const inList = (list: 'day' | 'week' | 'month', spanMs: number) =>
    posts.filter((p) => p.topRank?.[list] !== undefined && isWithin(p.createdAt, now, spanMs)).sort(byTopRank(list));
  const day = inList('day', windows.today);
  // A community the day list of all communities left out was read on its own: its posts hold a place in
  // their community's list only, never in Today's.
  const communityOnly = posts.filter((p) => p.topRank?.day === undefined && p.topRank?.dayInCommunity !== undefined && isWithin(p.createdAt, now, windows.today));
  return {
    today: day.slice(0, limits.today),
    week: inList('week', windows.week).slice(0, limits.week),
    month: inList('month', windows.month).slice(0, limits.month),
    communities: selectCommunities([...day, ...communityOnly], byCommunityPlace),
  };
}

/** The sections of a snapshot, on `basis` (by default the snapshot's own: Reddit's order when a post lacks numbers). */
export function selectSections(snapshot: Post[], now: Date, basis: RankBasis = snapshotBasis(snapshot)): ReportSections {
  const posts = uniquePosts(snapshot);
  if (basis === 'reddit-order') return selectByRedditOrder(posts, now);
  const candidates = selectTodayCandidates(posts, now);
  return {
    today: candidates.slice(0, limits.today),
    week: selectTopInWindow(posts, now, windows.week, limits.week),
    month: selectTopInWindow(posts, now, windows.month, limits.month),
    communities: selectCommunities(candidates),
  };
}

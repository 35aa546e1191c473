import type { CommunityPosts, Post, ReportSections } from '../models.js';
import { isWithin, windows } from './windows.js';

// Pure selection of the report's sections from one snapshot of posts.

export const limits = {
  today: 10,
  week: 20,
  month: 20,
  perCommunity: 3,
  /** Today's posts need a conversation, not just votes. */
  todayMinComments: 10,
} as const;

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Score desc, then comments desc, then id asc: a total order, so reports are reproducible. */
export function byRank(a: Post, b: Post): number {
  return (b.score ?? 0) - (a.score ?? 0) || (b.numComments ?? 0) - (a.numComments ?? 0) || compareText(a.id, b.id);
}

/** The same post can arrive from several listings; keep the freshest numbers (the highest score seen). */
export function uniquePosts(posts: Iterable<Post>): Post[] {
  const byId = new Map<string, Post>();
  for (const post of posts) {
    const seen = byId.get(post.id);
    if (!seen || byRank(post, seen) < 0) byId.set(post.id, post);
  }
  return [...byId.values()];
}

/** Posts of the last 24 hours with more than 10 comments: the candidates of Today and of each community. */
export function selectTodayCandidates(posts: Post[], now: Date): Post[] {
  return posts.filter((p) => isWithin(p.createdAt, now, windows.today) && (p.numComments ?? 0) > limits.todayMinComments).sort(byRank);
}

export function selectTopInWindow(posts: Post[], now: Date, spanMs: number, count: number): Post[] {
  return posts.filter((p) => isWithin(p.createdAt, now, spanMs)).sort(byRank).slice(0, count);
}

/** Top posts per subreddit among today's candidates; subreddits case-insensitively ordered, empty ones omitted. */
export function selectCommunities(candidates: Post[]): CommunityPosts[] {
  const groups = new Map<string, Post[]>();
  for (const post of [...candidates].sort(byRank)) {
    const group = groups.get(post.subreddit) ?? [];
    if (group.length < limits.perCommunity) group.push(post);
    groups.set(post.subreddit, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b))
    .map(([subreddit, posts]) => ({ subreddit, posts }));
}

export function selectSections(snapshot: Post[], now: Date): ReportSections {
  const posts = uniquePosts(snapshot);
  const candidates = selectTodayCandidates(posts, now);
  return {
    today: candidates.slice(0, limits.today),
    week: selectTopInWindow(posts, now, windows.week, limits.week),
    month: selectTopInWindow(posts, now, windows.month, limits.month),
    communities: selectCommunities(candidates),
  };
}

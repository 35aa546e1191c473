import type { Post } from '../../models.js';
import type { RankedPost } from './parse.js';
import type { TopRank } from '../../models/top-rank.js';

// The day's plan in as few requests as the feeds allow: Reddit's top lists of all configured communities
// at once (a multireddit, r/a+b+c) for the day, the week and the month, 100 posts each; then, for each
// community the day list left without a post, that community's own top list of the day. The ranks are
// Reddit's: they stand in for the points and comment counts the feeds do not carry.

export type TopSpan = 'day' | 'week' | 'month';

/** In this order: the day list first, as it is the one the report cannot do without. */
export const TOP_SPANS: readonly TopSpan[] = ['day', 'week', 'month'];

/** Posts a top feed asks for: Reddit's most. */
export const TOP_LIMIT = 100;

/** Posts a community's own day feed asks for: its section shows 3; some may be left out (bots, NSFW). */
export const COMMUNITY_LIMIT = 10;

/** The multireddit path of the configured communities' top feed. */
export function topFeedPath(subreddits: string[]): string {
  return `/r/${subreddits.map(encodeURIComponent).join('+')}/top/.rss`;
}

/** One post per id, each with its position in every list it was read in. */
export class RankedPosts {
  private readonly byId = new Map<string, Post>();

  add(page: RankedPost[], rank: keyof TopRank): void {
    for (const { position, post } of page) {
      const seen = this.byId.get(post.id);
      const merged = seen ?? post;
      if (merged.topRank?.[rank] === undefined) merged.topRank = { ...merged.topRank, [rank]: position };
      this.byId.set(post.id, merged);
    }
  }

  /** In the order first read: the day list, then what the week, the month and the communities added. */
  posts(): Post[] {
    return [...this.byId.values()];
  }
}

/** Configured communities (any spelling) with no post in `day`, in configured order. */
export function communitiesLeftOut(configured: string[], day: Post[]): string[] {
  const present = new Set(day.map((post) => post.subreddit.toLowerCase()));
  return configured.filter((name) => !present.has(name.toLowerCase()));
}

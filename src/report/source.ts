import type { RedditClient } from '../reddit/client.js';
import { loadSample } from '../sample/sample.js';
import type { Collection, SubredditCheck } from '../store/store.js';
import { collectPosts, type Collected } from './collect.js';

/** Where a day's posts come from: Reddit itself, or the bundled sample. */
export interface PostSource {
  readonly kind: 'reddit' | 'sample';
  collect(now: Date): Promise<Collected>;
}

export function redditSource(client: RedditClient, subreddits: string[], checks: Collection<SubredditCheck>, maxPages: number): PostSource {
  return {
    kind: 'reddit',
    collect: (now) => collectPosts(client, { subreddits, now, checks, maxPages }),
  };
}

export function sampleSource(): PostSource {
  return {
    kind: 'sample',
    collect: async () => ({ posts: loadSample().posts, warnings: [] }),
  };
}

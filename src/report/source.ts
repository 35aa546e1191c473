import type { CollectProgress, ReportSource, SourceMode } from '../models.js';
import type { RedditClient } from '../reddit/client.js';
import { loadSample } from '../sample/sample.js';
import type { Collection, SubredditCheck } from '../store/store.js';
import { collectPosts, type Collected } from './collect.js';

/** A collection with where its posts came from. */
export interface SourceCollected extends Collected {
  source: ReportSource;
}

/** Where a day's posts come from: one rung of the source ladder (API, public feeds, sample), or the ladder. */
export interface PostSource {
  readonly mode: Exclude<SourceMode, 'stale'> | 'auto';
  collect(now: Date, onProgress?: (progress: CollectProgress) => void): Promise<SourceCollected>;
}

export function redditSource(client: RedditClient, subreddits: string[] | (() => Promise<string[]>), checks: Collection<SubredditCheck>, maxPages: number): PostSource {
  return {
    mode: 'api',
    collect: async (now) => {
      const startedRequests = client.requestCount;
      const started = performance.now();
      const collected = await collectPosts(client, { subreddits: typeof subreddits === 'function' ? await subreddits() : subreddits, now, checks, maxPages });
      const source: ReportSource = { mode: 'api', requests: client.requestCount - startedRequests, elapsedMs: Math.round(performance.now() - started), numbersMissing: false };
      return { ...collected, source };
    },
  };
}

export function sampleSource(): PostSource {
  return {
    mode: 'sample',
    collect: async () => ({ posts: loadSample().posts, warnings: [], source: { mode: 'sample', numbersMissing: false } }),
  };
}

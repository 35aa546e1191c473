import type { ReportSource, SourceMode } from '../models.js';
import type { RedditClient } from '../reddit/client.js';
import { loadSample } from '../sample/sample.js';
import type { Collection, SubredditCheck } from '../store/store.js';
import { collectPosts, type Collected } from './collect.js';

/** How far a collection has got, for a progress line on a terminal (a feeds report can take minutes). */
export interface CollectProgress {
  /** Requests done so far, and how many the plan expects (it can grow: a community the day feed left empty). */
  done: number;
  planned: number;
  /** Set while the source waits before its next request, with the reason (pacing, Retry-After…). */
  waitMs?: number;
  why?: string;
  /** The rung collecting (set by the source ladder), so a waiting user can be told where the posts come from. */
  rung?: 'api' | 'feeds';
}

/** A collection with where its posts came from. */
export interface SourceCollected extends Collected {
  source: ReportSource;
}

/** Where a day's posts come from: one rung of the source ladder (API, public feeds, sample), or the ladder. */
export interface PostSource {
  readonly mode: Exclude<SourceMode, 'stale'> | 'auto';
  collect(now: Date, onProgress?: (progress: CollectProgress) => void): Promise<SourceCollected>;
}

export function redditSource(client: RedditClient, subreddits: string[], checks: Collection<SubredditCheck>, maxPages: number): PostSource {
  return {
    mode: 'api',
    collect: async (now) => {
      const startedRequests = client.requestCount;
      const started = performance.now();
      const collected = await collectPosts(client, { subreddits, now, checks, maxPages });
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

import type { PostSource } from '../../report/source.js';
import type { PostDetailsSource } from '../post-details.js';

// STAND-IN for the public-feeds rung (issue 17), so the ladder can be wired and tested before the real
// one (branch wt-feeds) lands. The integrator drops this commit at merge: wt-feeds' file replaces it.

export interface FeedSettings {
  base: string;
  token?: { feed: string; user: string };
  maxRequests: number;
  minIntervalMs: number;
}

export function createFeedsSource(options: {
  settings: FeedSettings;
  subreddits: string[];
  userAgent: string;
  timeoutMs: number;
  maxResponseBytes: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onWait?: (ms: number, why: string) => void;
}): { source: PostSource; details: PostDetailsSource } {
  void options;
  const notMerged = () => Promise.reject(new Error('the public-feeds rung is not merged yet'));
  return { source: { mode: 'feeds', collect: notMerged }, details: { fetch: notMerged } };
}

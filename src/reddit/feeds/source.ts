import type { ReportSource, CollectProgress } from '../../models.js';
import type { PostSource } from '../../report/source.js';
import type { BackoffPolicy } from '../backoff.js';
import { RedditError } from '../errors.js';
import { malformedExample, type MalformedPost } from '../parse.js';
import type { PostDetailsSource } from '../post-details.js';
import { RequestBudget } from './budget.js';
import { FeedClient, type FeedRequest } from './client.js';
import { describeFeedFailure } from './errors.js';
import { parseCommentFeed, parseFeedPage, type FeedPage } from './parse.js';
import { communitiesLeftOut, COMMUNITY_LIMIT, RankedPosts, TOP_LIMIT, TOP_SPANS, topFeedPath } from './plan.js';

// The public-feeds rung of the source ladder: a day's posts from Reddit's Atom feeds, without API keys.
// Everything one report sends (the top feeds, the communities the day feed left out, and the comment
// feeds the analysis reads for it) shares one request budget, REDDIT_FEED_MAX_REQUESTS. A follow-up
// question later reads a comment feed through the same pacer, but never waits long for it.

export interface FeedSettings {
  /** REDDIT_FEED_BASE (default https://www.reddit.com). */
  base: string;
  /** REDDIT_FEED_TOKEN with REDDIT_USERNAME: sent as `feed` and `user`, redacted everywhere. */
  token?: { feed: string; user: string };
  /** REDDIT_FEED_MAX_REQUESTS: requests one report may send, retries and comment feeds included. */
  maxRequests: number;
  /** REDDIT_FEED_MIN_INTERVAL_MS: no two requests closer than this. */
  minIntervalMs: number;
}

export interface FeedsSourceOptions {
  settings: FeedSettings;
  /** The communities to read; a function: asked at each collection (the union the subscriptions want). */
  subreddits: string[] | (() => Promise<string[]>);
  userAgent: string;
  timeoutMs: number;
  maxResponseBytes: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onWait?: (ms: number, why: string) => void;
  /** Retries of 429, 5xx and timeouts (default 3). */
  maxRetries?: number;
  /** Longest single wait accepted during a build (default 120 s), as the API client bounds its waits. */
  maxWaitMs?: number;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Longest a follow-up's comment feed may wait for its turn before the answer goes on without it (default 2 s). */
  followUpPatienceMs?: number;
}

export interface FeedsRung {
  source: PostSource;
  details: PostDetailsSource;
  /** The client both share (its request count, whether Reddit blocked it). */
  client: FeedClient;
}

/** Builds whose budgets are kept (by the `now` each was built for), so their comment feeds spend them; older ones are forgotten. */
const BUILDS_KEPT = 4;

export function createFeedsSource(options: FeedsSourceOptions): FeedsRung {
  const clock = options.clock ?? Date.now;
  const { settings } = options;
  const client = new FeedClient({
    base: settings.base,
    token: settings.token,
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    minIntervalMs: settings.minIntervalMs,
    maxRetries: options.maxRetries,
    maxWaitMs: options.maxWaitMs,
    backoff: options.backoff,
    clock,
    sleep: options.sleep,
    random: options.random,
    onWait: options.onWait,
  });
  const builds = new Map<number, RequestBudget>();

  const source: PostSource = {
    mode: 'feeds',
    collect: async (now, onProgress) => {
      const started = clock();
      const budget = new RequestBudget(settings.maxRequests);
      builds.delete(now.getTime());
      builds.set(now.getTime(), budget);
      for (const oldest of builds.keys()) if (builds.size > BUILDS_KEPT) builds.delete(oldest);
      const collected = await collectFeeds(client, typeof options.subreddits === 'function' ? await options.subreddits() : options.subreddits, budget, now, onProgress);
      const source: ReportSource = { mode: 'feeds', requests: budget.used, elapsedMs: Math.round(clock() - started), numbersMissing: true };
      return { ...collected, source };
    },
  };

  const details: PostDetailsSource = {
    fetch: async (post, now, limits) => {
      const path = `/r/${encodeURIComponent(post.subreddit)}/comments/${encodeURIComponent(post.id)}/.rss`;
      // Asked for the `now` of a report collected here: the analysis reading the posts it writes about,
      // inside that report's budget, waiting its turn. Otherwise a follow-up answer, which must not wait.
      const budget = builds.get(now.getTime());
      const request: FeedRequest = budget ? { budget } : { patienceMs: options.followUpPatienceMs ?? 2_000 };
      const xml = await client.get(path, {}, request);
      return parseCommentFeed(xml, client.shownUrl(path), post.id, now, limits);
    },
  };

  return { source, details, client };
}

async function collectFeeds(client: FeedClient, subreddits: string[], budget: RequestBudget, now: Date, onProgress?: (progress: CollectProgress) => void) {
  let planned = TOP_SPANS.length;
  const tell = (wait: Pick<CollectProgress, 'waitMs' | 'why'> = {}) => onProgress?.({ done: budget.used, planned: Math.max(planned, budget.used), ...wait });
  const request: FeedRequest = { budget, onWait: (waitMs, why) => tell({ waitMs, why }), onRetry: () => planned++, onSent: () => tell() };
  const read = async (path: string, query: Record<string, string | number>): Promise<FeedPage> => {
    const xml = await client.get(path, query, request);
    return parseFeedPage(xml, client.shownUrl(path, query));
  };
  const ranked = new RankedPosts();
  const warnings: string[] = [];
  const malformed = new Map<string, MalformedPost>();
  const keep = (page: FeedPage) => page.malformed.forEach((post) => malformed.set(post.key, post));
  tell();

  // The day list: without it there is no report from the feeds (the ladder falls back), so no catch.
  const day = await read(topFeedPath(subreddits), { t: 'day', limit: TOP_LIMIT });
  ranked.add(day.posts, 'day');
  keep(day);

  for (const span of TOP_SPANS.slice(1)) {
    if (client.blocked) break;
    try {
      const page = await read(topFeedPath(subreddits), { t: span, limit: TOP_LIMIT });
      ranked.add(page.posts, span);
      keep(page);
    } catch (error) {
      if (!(error instanceof RedditError)) throw error;
      warnings.push(`Reddit's top posts of the ${span} could not be read from the public feeds: ${describeFeedFailure(error)}`);
    }
  }

  const leftOut = communitiesLeftOut(subreddits, day.posts.map((p) => p.post));
  planned += Math.min(leftOut.length, budget.left);
  tell();
  const unread: string[] = [];
  for (const community of leftOut) {
    if (client.blocked || budget.left === 0) {
      unread.push(community);
      continue;
    }
    try {
      const page = await read(topFeedPath([community]), { t: 'day', limit: COMMUNITY_LIMIT });
      ranked.add(page.posts, 'dayInCommunity');
      keep(page);
    } catch (error) {
      if (!(error instanceof RedditError)) throw error;
      warnings.push(`r/${community}: its top posts of the day could not be read from the public feeds: ${describeFeedFailure(error)}`);
    }
  }
  if (client.blocked) warnings.push(describeFeedFailure(client.blocked));
  else if (unread.length > 0) {
    warnings.push(
      `${unread.map((name) => `r/${name}`).join(', ')}: not read. Reddit's top posts of the day had none of theirs, and the report's ${budget.limit} requests to the public feeds (REDDIT_FEED_MAX_REQUESTS) were spent`,
    );
  }
  if (malformed.size > 0) warnings.push(`${malformed.size} post(s) from Reddit's feeds had missing or malformed fields and were left out (for example ${malformedExample([...malformed.values()])})`);
  // As with the API: a post newer than `now` (an injected --now in the past) is not part of that day.
  const posts = ranked.posts().filter((post) => Date.parse(post.createdAt) <= now.getTime());
  return { posts, warnings };
}

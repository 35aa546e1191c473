import type { Config } from '../config.js';

// A feeds report can take as long as its whole request budget at Reddit's logged-out pace, reported as low
// as one request a minute: REDDIT_FEED_MAX_REQUESTS minutes (or more when REDDIT_FEED_MIN_INTERVAL_MS is set
// above a minute), plus the analysis. The morning pass starts the day's build REPORT_PREPARE_MINUTES before
// the first post; shorter than this, a post can go out late. Its default (30) covers the default budget (20
// requests: 25 minutes with the margin).

/** The slowest pace reported for logged-out feeds. */
const WORST_INTERVAL_MS = 60_000;
/** The analysis and the store after the last request (a model's answer takes up to a few minutes). */
const MARGIN_MINUTES = 5;

/** Minutes a feeds report may take at worst with these settings. */
export function feedsWorstCaseMinutes(feeds: Config['reddit']['feeds']): number {
  return Math.ceil((feeds.maxRequests * Math.max(WORST_INTERVAL_MS, feeds.minIntervalMs)) / 60_000) + MARGIN_MINUTES;
}

/** The start-up warning when the feeds collect the posts and REPORT_PREPARE_MINUTES is shorter than they may take. */
export function prepareShortfall(config: Config): string | undefined {
  const feedsFirst = config.reddit.source === 'feeds' || (config.reddit.source === 'auto' && !config.reddit.credentials);
  if (!feedsFirst) return undefined;
  const needed = feedsWorstCaseMinutes(config.reddit.feeds);
  const prepare = config.delivery.prepareMs / 60_000;
  if (prepare >= needed) return undefined;
  return `REPORT_PREPARE_MINUTES is ${prepare}, but a report from Reddit's public feeds can take ${needed} minutes (REDDIT_FEED_MAX_REQUESTS=${config.reddit.feeds.maxRequests} requests at one a minute, the slowest pace Reddit gives, plus the analysis): morning posts may go out late. Set REPORT_PREPARE_MINUTES=${needed} or more`;
}

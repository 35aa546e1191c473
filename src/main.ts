import type { Config } from './config.js';
import type { Logger } from './log.js';
import { RedditClient } from './reddit/client.js';
import { DailyReports } from './report/daily.js';
import { redditSource, sampleSource, type PostSource } from './report/source.js';
import { openStore, type Store } from './store/store.js';

// The one place that wires concrete parts together: config → store → clients → report service.

export interface App {
  config: Config;
  store: Store;
  source: PostSource;
  reports: DailyReports;
  reddit?: RedditClient;
  close(): Promise<void>;
}

export class MissingCredentialsError extends Error {
  override name = 'MissingCredentialsError';
}

export interface AppOptions {
  /** Use the bundled sample snapshot instead of Reddit. */
  sample: boolean;
  log: Logger;
}

export async function openApp(config: Config, { sample, log }: AppOptions): Promise<App> {
  let reddit: RedditClient | undefined;
  if (!sample) {
    const credentials = config.reddit.credentials;
    if (!credentials) {
      throw new MissingCredentialsError('REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET are not set: add them to .env (see README) or use --sample');
    }
    reddit = new RedditClient({
      credentials,
      userAgent: config.reddit.userAgent,
      apiBase: config.reddit.apiBase,
      authBase: config.reddit.authBase,
      timeoutMs: config.reddit.timeoutMs,
      maxRetries: config.reddit.maxRetries,
      onWait: (ms, why) => log.info({ waitMs: ms }, `reddit: waiting: ${why}`),
    });
  }
  const store = await openStore(config.storeUrl, sample ? 'sample' : 'live');
  const source = reddit ? redditSource(reddit, config.reddit.subreddits, store.subreddits, config.reddit.maxPages) : sampleSource();
  const reports = new DailyReports(store, source);
  return { config, store, source, reports, reddit, close: () => store.close() };
}

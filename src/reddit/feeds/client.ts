import { redactUrl } from '../../text/redact.js';
import { backoffDelay, defaultBackoff, parseRetryAfter, type BackoffPolicy } from '../backoff.js';
import { RedditError } from '../errors.js';
import { guardedGet, type Answerer } from '../response.js';
import type { RequestBudget } from './budget.js';
import { FeedsBlockedError, refusalOf } from './errors.js';
import { FeedPacer } from './pacer.js';

// GETs Reddit's public Atom feeds as a feed reader that must not be banned does: the honest User-Agent,
// one request at a time under the pacer, Reddit's waits honoured (x-ratelimit-reset, Retry-After),
// server errors retried with backoff, no redirect followed, bodies capped. A 403 block page (or a
// refused User-Agent) stops every later request at once. The private feed token rides in the query and
// is redacted from every URL and message that leaves here.

export interface FeedClientOptions {
  /** REDDIT_FEED_BASE, without a trailing slash. */
  base: string;
  /** A private feed token (reddit.com/prefs/feeds), sent as `feed` and `user`. */
  token?: { feed: string; user: string };
  userAgent: string;
  timeoutMs: number;
  maxResponseBytes: number;
  minIntervalMs: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and dropped connections (default 3). */
  maxRetries?: number;
  /** Longest single wait accepted (pacing, x-ratelimit-reset, Retry-After, backoff) before giving up (default 120 s). */
  maxWaitMs?: number;
  backoff?: BackoffPolicy;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Every wait, with its reason (for the logs). */
  onWait?: (ms: number, why: string) => void;
}

/** What one call may spend and how long it may wait. */
export interface FeedRequest {
  /** Counts every request sent for this call (retries too) and refuses one past its limit. */
  budget?: RequestBudget;
  /** Longest time from asking to sending, queue included (a follow-up answer must not wait): fails fast past it. */
  patienceMs?: number;
  onWait?: (ms: number, why: string) => void;
  /** A retry was decided (one more request than planned). */
  onRetry?: () => void;
  /** A request was answered or failed. */
  onSent?: () => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FeedClient {
  /** Requests sent (retries included); read by the source, the bench and tests. */
  requestCount = 0;
  private stoppedBy?: FeedsBlockedError;
  /**
   * Set once the feed server has answered at all (any status). Before that, a request nobody answered (no
   * network, a firewall, a wrong REDDIT_FEED_BASE) is not retried: retries paced REDDIT_FEED_MIN_INTERVAL_MS
   * apart would keep a user who has no network from the fallback for half a minute instead of seconds.
   */
  private answeredOnce = false;
  private readonly pacer: FeedPacer;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly answerer: Answerer;

  constructor(private readonly options: FeedClientOptions) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.pacer = new FeedPacer(options.minIntervalMs, this.clock);
    this.answerer = { name: "Reddit's feed server", base: options.base, setting: 'REDDIT_FEED_BASE' };
  }

  /** Set once Reddit refused this network or the User-Agent: every later call fails at once with it. */
  get blocked(): FeedsBlockedError | undefined {
    return this.stoppedBy;
  }

  /** The feed's URL with the token, as sent. Never print it: `redactUrl` it. */
  urlOf(path: string, query: Record<string, string | number> = {}): string {
    const url = new URL(`${this.options.base}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    if (this.options.token) {
      url.searchParams.set('feed', this.options.token.feed);
      url.searchParams.set('user', this.options.token.user);
    }
    return url.toString();
  }

  /** The feed's URL as messages show it: the token redacted. */
  shownUrl(path: string, query: Record<string, string | number> = {}): string {
    return redactUrl(this.urlOf(path, query));
  }

  /** The body of the feed at `path` (an Atom document, not yet checked). */
  async get(path: string, query: Record<string, string | number> = {}, request: FeedRequest = {}): Promise<string> {
    const url = this.urlOf(path, query);
    const shown = redactUrl(url);
    try {
      if (this.stoppedBy) throw this.stoppedBy;
      const askedAt = this.clock();
      if (request.patienceMs !== undefined) {
        const estimate = this.pacer.estimateMs();
        if (estimate > request.patienceMs) throw this.impatient(shown, estimate, this.pacer.delay().why || 'another request to the feeds is under way');
      }
      return await this.pacer.exclusive(() => this.attempts(url, shown, askedAt, request));
    } catch (error) {
      throw this.scrubbed(error);
    }
  }

  private async attempts(url: string, shown: string, askedAt: number, request: FeedRequest): Promise<string> {
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      if (this.stoppedBy) throw this.stoppedBy;
      await this.waitTurn(shown, askedAt, request);
      request.budget?.spend(shown);
      try {
        return await this.send(url, shown);
      } catch (error) {
        if (!(error instanceof RedditError) || !error.retryable || attempt >= maxRetries) throw error;
        if (!this.answeredOnce && (error.kind === 'network' || error.kind === 'timeout')) throw error;
        const delay = Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt, this.options.random ?? Math.random, this.options.backoff ?? defaultBackoff));
        this.pacer.holdFor(delay, `retry ${attempt + 1}/${maxRetries} after ${error.message}`);
        request.onRetry?.();
      } finally {
        request.onSent?.();
      }
    }
  }

  /** Waits until the pacer allows a request, or gives up when the wait is longer than this call accepts. */
  private async waitTurn(shown: string, askedAt: number, request: FeedRequest): Promise<void> {
    const { ms, why } = this.pacer.delay();
    if (ms <= 0) return;
    const maxWaitMs = this.options.maxWaitMs ?? 120_000;
    if (ms > maxWaitMs) {
      const error = new RedditError('http', shown, `Reddit's public feeds allow the next request in ${Math.ceil(ms / 1000)} s (${why}), longer than we wait (${Math.round(maxWaitMs / 1000)} s)`);
      error.retryAfterMs = ms;
      throw error;
    }
    if (request.patienceMs !== undefined && this.clock() + ms - askedAt > request.patienceMs) throw this.impatient(shown, ms, why);
    request.onWait?.(ms, why);
    this.options.onWait?.(ms, why);
    await this.sleep(ms);
  }

  private impatient(shown: string, ms: number, why: string): RedditError {
    return new RedditError('http', shown, `not sent: Reddit's public feeds allow the next request in ${Math.ceil(ms / 1000)} s (${why}), too long to wait for an answer`);
  }

  private async send(url: string, shown: string): Promise<string> {
    this.pacer.sent();
    this.requestCount++;
    const { response, text } = await guardedGet(url, shown, {
      headers: { 'User-Agent': this.options.userAgent, Accept: 'application/atom+xml, application/xml;q=0.9, */*;q=0.1' },
      timeoutMs: this.options.timeoutMs,
      maxResponseBytes: this.options.maxResponseBytes,
      answerer: this.answerer,
      onNoAnswer: () => this.pacer.failed(),
      onHeaders: (headers) => {
        this.answeredOnce = true;
        this.pacer.answered(headers);
      },
    });
    if (response.status === 403) {
      const refusal = refusalOf(text);
      if (refusal) {
        this.stoppedBy = new FeedsBlockedError(refusal, shown);
        throw this.stoppedBy;
      }
      throw new RedditError('http', shown, "Reddit's public feeds answered 403 (forbidden): a private, quarantined or banned community?", 403);
    }
    if (!response.ok) {
      const error = new RedditError('http', shown, `Reddit's public feeds answered ${response.status}`, response.status);
      error.retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock());
      throw error;
    }
    return text;
  }

  /**
   * The error with the feed token taken out of its message, wherever it came from (a fetch error can
   * quote a URL): the URLs given to errors here are already redacted; this is the belt to those braces.
   */
  private scrubbed(error: unknown): unknown {
    const secret = this.options.token?.feed;
    if (secret && error instanceof Error && error.message.includes(secret)) error.message = error.message.split(secret).join('[redacted]');
    return error;
  }
}

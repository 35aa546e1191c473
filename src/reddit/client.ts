import { backoffDelay, defaultBackoff, parseRetryAfter, type BackoffPolicy } from './backoff.js';
import { quoteInput } from '../text/quote.js';
import { RedditError } from './errors.js';
import { RateLimitBudget } from './rate-limit.js';
import { DEFAULT_MAX_RESPONSE_BYTES, guardedGet, type Answerer } from './response.js';
import { AppOnlyToken, type AppCredentials } from './token.js';
import type { Metrics } from '../metrics/metrics.js';
import { redditOutcome } from './outcome.js';

export interface RedditClientOptions {
  credentials: AppCredentials;
  userAgent: string;
  /** Default https://www.reddit.com */
  authBase: string;
  /** Default https://oauth.reddit.com */
  apiBase: string;
  timeoutMs: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and dropped connections. */
  maxRetries: number;
  /** Longest single wait we accept from Retry-After or the rate-limit window before giving up. */
  maxWaitMs?: number;
  backoff?: BackoffPolicy;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called for every wait, so an operator can see why a collection is slow. */
  onWait?: (ms: number, why: string) => void;
  /** The largest answer read (default 8 MB): a listing of 100 posts is about 0.3 MB. */
  maxResponseBytes?: number;
  /** Counts each request by outcome, and the retries. */
  metrics?: Pick<Metrics, 'redditRequest' | 'redditRetry'>;
}

export type Query = Record<string, string | number | undefined>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small typed client for Reddit's OAuth Data API on Node's fetch: auth, rate limit, retries. */
export class RedditClient {
  /** Requests sent to the API (token requests excluded); read by the bench and tests. */
  requestCount = 0;
  private readonly token: AppOnlyToken;
  private readonly budget: RateLimitBudget;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly maxWaitMs: number;
  private readonly api: Answerer;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: RedditClientOptions) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.maxWaitMs = options.maxWaitMs ?? 120_000;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.token = new AppOnlyToken(options.authBase, options.credentials, options.userAgent, options.timeoutMs, this.clock, this.maxResponseBytes);
    this.api = { name: 'Reddit', base: options.apiBase, setting: 'REDDIT_API_BASE' };
    this.budget = new RateLimitBudget(this.clock);
  }

  /** GET `path` (e.g. `/r/LocalLLaMA/top`) and return the parsed JSON body. Always adds `raw_json=1`. */
  async getJson(path: string, query: Query = {}): Promise<unknown> {
    const url = this.buildUrl(path, query);
    let renewedAfter401 = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const body = await this.attempt(url, !renewedAfter401);
        this.options.metrics?.redditRequest('ok');
        return body;
      } catch (error) {
        this.options.metrics?.redditRequest(redditOutcome(error));
        if (!(error instanceof RedditError)) throw error;
        if (error.kind === 'auth' && error.status === 401 && error.url === url && !renewedAfter401) {
          // Reddit revoked or expired the token early: renew once, then retry without counting an attempt.
          renewedAfter401 = true;
          attempt--;
          continue;
        }
        if (!error.retryable || attempt >= this.options.maxRetries) throw error;
        const delay = Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt, this.random, this.options.backoff ?? defaultBackoff));
        if (delay > this.maxWaitMs) throw error;
        this.options.onWait?.(delay, `retry ${attempt + 1}/${this.options.maxRetries} after ${error.message}`);
        this.options.metrics?.redditRetry();
        await this.sleep(delay);
      }
    }
  }

  private buildUrl(path: string, query: Query): string {
    const url = new URL(`${this.options.apiBase.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    url.searchParams.set('raw_json', '1');
    return url.toString();
  }

  /** One request. `renewOn401`: fetch a new token when this one is rejected (false once a renewal was already spent). */
  private async attempt(url: string, renewOn401: boolean): Promise<unknown> {
    const wait = this.budget.waitMs();
    if (wait > 0) {
      if (wait > this.maxWaitMs) {
        const error = new RedditError('http', url, `Reddit's rate-limit window resets in ${Math.ceil(wait / 1000)} s, longer than we wait`, 429);
        // Tell getJson how long the wait is, so it gives up at once instead of retrying after a short
        // backoff into the same closed window.
        error.retryAfterMs = wait;
        throw error;
      }
      this.options.onWait?.(wait, 'rate-limit budget used up until the window resets');
      await this.sleep(wait);
    }
    const bearer = await this.token.get();
    this.budget.started();
    this.requestCount++;
    const { response, text } = await guardedGet(url, url, {
      headers: { Authorization: `bearer ${bearer}`, 'User-Agent': this.options.userAgent, Accept: 'application/json' },
      timeoutMs: this.options.timeoutMs,
      maxResponseBytes: this.maxResponseBytes,
      answerer: this.api,
      onNoAnswer: () => this.budget.aborted(),
      onHeaders: (headers) => this.budget.finished(headers),
    });
    if (response.status === 401) {
      if (renewOn401) {
        await this.token.renewAfterRejection(bearer);
        throw new RedditError('auth', url, 'Reddit rejected the access token', 401);
      }
      // A fresh token was rejected too: fetching yet another one now would be wasted, as the caller
      // gives up. Drop it so the next call starts with a new token.
      this.token.discard(bearer);
      throw new RedditError('auth', url, 'Reddit rejected a freshly issued access token too: check the app\'s access to the API', 401);
    }
    if (!response.ok) {
      const error = new RedditError('http', url, `Reddit answered ${response.status}${reasonSuffix(text)}`, response.status, reasonOf(text));
      error.retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock());
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new RedditError('malformed', url, `Reddit answered with a body that is not JSON (${text.length} bytes)`);
    }
  }
}

/** Longest `reason` quoted: Reddit's own are single words ("private", "banned", "gold_only"). */
const REASON_MAX = 60;

/**
 * Reddit's `reason` field, quoted as a message may show it. It is upstream text (a proxy or a broken
 * upstream can put a terminal escape or "@everyone" there), and it reaches stderr, the JSON warnings and
 * chat through every error and warning made from this error.
 */
function reasonOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { reason?: unknown };
    return typeof parsed.reason === 'string' ? quoteInput(parsed.reason, REASON_MAX) || undefined : undefined;
  } catch {
    return undefined;
  }
}

function reasonSuffix(body: string): string {
  const reason = reasonOf(body);
  return reason ? ` (${reason})` : '';
}

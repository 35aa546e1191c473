import { RateLimitBudget } from '../rate-limit.js';

// When the next request to the public feeds may go. Logged-out feeds are throttled per address (reports
// range from 1 to 10 requests a minute), so: one request at a time, never two closer than the minimum
// interval, none while Reddit's own window says nothing is left (x-ratelimit-remaining 0, until
// x-ratelimit-reset), none before a Retry-After or a backoff has passed. The pacer only says how long to
// wait and why; the client waits (with its injected sleep) or gives up.

export interface Delay {
  ms: number;
  why: string;
}

export class FeedPacer {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private lastSentMs = -Infinity;
  private holdUntilMs = 0;
  private holdWhy = '';
  /** Reddit's window, from the headers; no reserve: the feeds send one request at a time. */
  private readonly window: RateLimitBudget;

  constructor(
    private readonly minIntervalMs: number,
    private readonly clock: () => number,
  ) {
    this.window = new RateLimitBudget(clock, 0);
  }

  /** Runs `task` after every task queued before it has finished: one request (and its retries) at a time. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.tail.then(task).finally(() => this.pending--);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** How long the next request must wait now, and the reason that weighs most. */
  delay(): Delay {
    const now = this.clock();
    const candidates: Delay[] = [
      { ms: this.lastSentMs + this.minIntervalMs - now, why: `pacing: one request every ${seconds(this.minIntervalMs)} at most (REDDIT_FEED_MIN_INTERVAL_MS)` },
      { ms: this.window.waitMs(), why: "Reddit's feed budget is used up until its window resets (x-ratelimit-reset)" },
      { ms: this.holdUntilMs - now, why: this.holdWhy },
    ];
    return candidates.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, why: '' });
  }

  /**
   * How long a request asked now would wait for its turn and its pacing, on the high side: the delay,
   * plus one interval for every request queued or in flight before it. For callers that must not wait long.
   */
  estimateMs(): number {
    return Math.max(0, this.delay().ms) + this.pending * this.minIntervalMs;
  }

  /** No request before `ms` from now (a Retry-After, a backoff), for the reason given. */
  holdFor(ms: number, why: string): void {
    const until = this.clock() + ms;
    if (until > this.holdUntilMs) {
      this.holdUntilMs = until;
      this.holdWhy = why;
    }
  }

  sent(): void {
    this.lastSentMs = this.clock();
    this.window.started();
  }

  answered(headers: Headers): void {
    this.window.finished(headers);
  }

  failed(): void {
    this.window.aborted();
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

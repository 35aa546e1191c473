import { RedditError } from '../errors.js';

// The requests one report may send to the public feeds (REDDIT_FEED_MAX_REQUESTS): the top feeds, the
// communities the day feed left out and the comment feeds the analysis reads share it, retries included,
// so a report never costs Reddit (or waits, at 1 request a minute) more than the operator allowed.

export class RequestBudget {
  private spent = 0;

  constructor(readonly limit: number) {}

  get used(): number {
    return this.spent;
  }

  get left(): number {
    return Math.max(0, this.limit - this.spent);
  }

  /** Takes one request for `url`, or throws (not retryable) when none is left. */
  spend(url: string): void {
    if (this.spent >= this.limit) {
      throw new RedditError('http', url, `not sent: the report's ${this.limit} requests to Reddit's public feeds are spent (REDDIT_FEED_MAX_REQUESTS)`);
    }
    this.spent++;
  }
}

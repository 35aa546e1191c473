// Reddit tells every response how much of the per-client budget is left (X-Ratelimit-Remaining) and
// when the window resets (X-Ratelimit-Reset, seconds). We wait for the reset rather than spend the
// last requests and collect 429s.

export class RateLimitBudget {
  private remaining = Infinity;
  private resetAtMs = 0;
  private inFlight = 0;

  constructor(
    private readonly clock: () => number,
    /** Requests kept in reserve, so concurrent callers cannot overshoot together. */
    private readonly reserve = 1,
  ) {}

  /** How long to wait before sending one more request now (0 when the budget allows it). */
  waitMs(): number {
    const now = this.clock();
    if (now >= this.resetAtMs) return 0;
    return this.remaining - this.inFlight > this.reserve ? 0 : this.resetAtMs - now;
  }

  started(): void {
    this.inFlight++;
  }

  finished(headers: Headers): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (headers.has('x-ratelimit-remaining') && Number.isFinite(remaining)) this.remaining = remaining;
    if (headers.has('x-ratelimit-reset') && Number.isFinite(reset)) this.resetAtMs = this.clock() + reset * 1000;
  }

  aborted(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }
}

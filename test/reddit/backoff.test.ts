// The pure pieces under the client: backoff with jitter, Retry-After, the rate-limit budget and which
// errors are worth another try.
import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff, parseRetryAfter } from '../../src/reddit/backoff.js';
import { RedditError } from '../../src/reddit/errors.js';
import { RateLimitBudget } from '../../src/reddit/rate-limit.js';

describe('backoffDelay', () => {
  it('doubles the ceiling each attempt up to the cap, jittered over [0, ceiling]', () => {
    const policy = { baseMs: 500, capMs: 8_000 };
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, () => 1, policy))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0.5, policy))).toEqual([250, 500, 1_000, 2_000]);
    expect([0, 5, 50].map((n) => backoffDelay(n, () => 0, policy))).toEqual([0, 0, 0]);
  });

  it('uses the default policy when none is given', () => {
    expect(defaultBackoff).toEqual({ baseMs: 500, capMs: 8_000 });
    expect(backoffDelay(2, () => 1)).toBe(2_000);
  });

  it('stays within bounds for any random value', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      for (const r of [0, 0.001, 0.3, 0.999999, 1]) {
        const d = backoffDelay(attempt, () => r, defaultBackoff);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(8_000, 500 * 2 ** attempt));
      }
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-02-11T08:00:00Z');
  it('reads seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 11 Feb 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 11 Feb 2026 07:59:00 GMT', now)).toBe(0);
  });
  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
  it('clamps a negative number of seconds to 0', () => {
    expect(parseRetryAfter('-5', now)).toBe(0);
  });
});

describe('RateLimitBudget', () => {
  const headers = (remaining: string, reset: string) => new Headers({ 'X-Ratelimit-Remaining': remaining, 'X-Ratelimit-Reset': reset, 'X-Ratelimit-Used': '1' });

  it('does not wait before it has heard from Reddit', () => {
    const budget = new RateLimitBudget(() => 1_000);
    expect(budget.waitMs()).toBe(0);
  });

  it('waits until the reset once the remaining requests reach the reserve', () => {
    let now = 1_000_000;
    const budget = new RateLimitBudget(() => now);
    budget.started();
    budget.finished(headers('2.0', '40'));
    expect(budget.waitMs()).toBe(0);
    budget.started();
    budget.finished(headers('1.0', '39'));
    expect(budget.waitMs()).toBe(39_000); // the last request stays in reserve
    now += 9_000;
    expect(budget.waitMs()).toBe(30_000);
    now += 30_000;
    expect(budget.waitMs()).toBe(0); // window over
  });

  it('counts requests in flight against what is left', () => {
    const budget = new RateLimitBudget(() => 0);
    budget.started();
    budget.finished(headers('3.0', '60'));
    budget.started();
    expect(budget.waitMs()).toBe(0); // 3 − 1 in flight = 2 > reserve 1
    budget.started();
    expect(budget.waitMs()).toBe(60_000); // 3 − 2 = 1
    budget.aborted();
    expect(budget.waitMs()).toBe(0);
  });

  it('ignores missing or unreadable headers', () => {
    const budget = new RateLimitBudget(() => 0);
    budget.started();
    budget.finished(new Headers());
    expect(budget.waitMs()).toBe(0);
    budget.started();
    budget.finished(headers('lots', 'later'));
    expect(budget.waitMs()).toBe(0);
  });

  it('a reserve of 0 spends every request', () => {
    const budget = new RateLimitBudget(() => 0, 0);
    budget.started();
    budget.finished(headers('1.0', '10'));
    expect(budget.waitMs()).toBe(0);
    budget.started();
    budget.finished(headers('0.0', '10'));
    expect(budget.waitMs()).toBe(10_000);
  });
});

describe('RedditError', () => {
  const url = 'https://oauth.reddit.com/r/x/new?raw_json=1';
  it('names the URL in its message', () => {
    const error = new RedditError('http', url, 'Reddit answered 503', 503);
    expect(error.message).toBe(`Reddit answered 503 (${url})`);
    expect(error.name).toBe('RedditError');
    expect(error).toBeInstanceOf(Error);
  });
  it.each([
    ['timeout', undefined, true],
    ['network', undefined, true],
    ['http', 429, true],
    ['http', 500, true],
    ['http', 503, true],
    ['http', 404, false],
    ['http', 403, false],
    ['http', 400, false],
    ['http', undefined, false],
    ['auth', 401, false],
    ['malformed', undefined, false],
  ] as const)('%s %s retryable: %s', (kind, status, retryable) => {
    expect(new RedditError(kind, url, 'x', status).retryable).toBe(retryable);
  });
});

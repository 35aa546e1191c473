import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

// REDDIT_FEED_*: Reddit's public Atom feeds, the rung without API keys.

describe('REDDIT_FEED_* settings', () => {
  it('default to www.reddit.com, 20 requests a report, 6 s apart, no token', () => {
    expect(loadConfig({}, '0').reddit.feeds).toEqual({ base: 'https://www.reddit.com', maxRequests: 20, minIntervalMs: 6_000 });
  });

  it('are read when set; the token goes with REDDIT_USERNAME', () => {
    const env = { REDDIT_FEED_BASE: 'http://127.0.0.1:8080/', REDDIT_FEED_MAX_REQUESTS: '40', REDDIT_FEED_MIN_INTERVAL_MS: '60000', REDDIT_FEED_TOKEN: 'abc123def456', REDDIT_USERNAME: 'someone' };
    expect(loadConfig(env, '0').reddit.feeds).toEqual({ base: 'http://127.0.0.1:8080', maxRequests: 40, minIntervalMs: 60_000, token: { feed: 'abc123def456', user: 'someone' } });
  });

  it('a wrong value stops start-up naming the variable and what is accepted', () => {
    expect(() => loadConfig({ REDDIT_FEED_MAX_REQUESTS: '2' }, '0')).toThrow(/^REDDIT_FEED_MAX_REQUESTS: requests to the public feeds per report \(the three top feeds need 3\): a whole number from 3 to 500$/);
    expect(() => loadConfig({ REDDIT_FEED_MAX_REQUESTS: 'many' }, '0')).toThrow(/^REDDIT_FEED_MAX_REQUESTS: .*a whole number from 3 to 500$/);
    expect(() => loadConfig({ REDDIT_FEED_MIN_INTERVAL_MS: '10' }, '0')).toThrow(/^REDDIT_FEED_MIN_INTERVAL_MS: milliseconds between two requests to the public feeds: a whole number from 1000 to 600000$/);
    expect(() => loadConfig({ REDDIT_FEED_BASE: 'ftp://x' }, '0')).toThrow(/^REDDIT_FEED_BASE: /);
    expect(() => loadConfig({ REDDIT_FEED_BASE: 'https://u:p@example.com' }, '0')).toThrow(/^REDDIT_FEED_BASE: must not contain a user name or password/);
    expect(() => loadConfig({ REDDIT_FEED_TOKEN: 'has spaces in it' }, '0')).toThrow(/^REDDIT_FEED_TOKEN: the private feed token from reddit\.com\/prefs\/feeds/);
    expect(() => loadConfig({ REDDIT_FEED_TOKEN: 'abc123def456' }, '0')).toThrow(/^REDDIT_USERNAME: is required with REDDIT_FEED_TOKEN/);
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

// REDDIT_SOURCE and the settings of the source ladder's rungs and fallbacks.

describe('REDDIT_SOURCE', () => {
  it('defaults to auto, and takes each of the four modes', () => {
    expect(loadConfig({}, '0').reddit.source).toBe('auto');
    const keys = { REDDIT_CLIENT_ID: 'id', REDDIT_CLIENT_SECRET: 'secret' };
    for (const mode of ['auto', 'api', 'feeds', 'sample'] as const) expect(loadConfig({ REDDIT_SOURCE: mode, ...keys }, '0').reddit.source).toBe(mode);
  });

  it('api without the keys stops start-up saying what to set or to leave the source unset', () => {
    expect(() => loadConfig({ REDDIT_SOURCE: 'api' }, '0')).toThrow(/^REDDIT_CLIENT_ID: is required with REDDIT_SOURCE=api .*leave REDDIT_SOURCE unset/);
  });

  it('a value it does not know stops start-up naming the variable and the accepted values', () => {
    expect(() => loadConfig({ REDDIT_SOURCE: 'rss' }, '0')).toThrow(/^REDDIT_SOURCE: auto \(the API with REDDIT_CLIENT_ID\/SECRET, else the public feeds\), api, feeds or sample$/);
  });
});

describe('the public feeds and the fallbacks', () => {
  it('has defaults: reddit.com, 20 requests a report, 6 s apart, 4 s a request, stale reports up to 3 days old', () => {
    const config = loadConfig({}, '0');
    expect(config.reddit.feeds).toEqual({ base: 'https://www.reddit.com', maxRequests: 20, minIntervalMs: 6_000 });
    expect(config.reddit.feedTimeoutMs).toBe(4_000);
    expect(config.reddit.timeoutMs).toBe(15_000);
    expect(config.report.maxStaleDays).toBe(3);
  });

  it('REDDIT_TIMEOUT_MS, when set, is the timeout of both rungs', () => {
    const config = loadConfig({ REDDIT_TIMEOUT_MS: '9000' }, '0');
    expect([config.reddit.timeoutMs, config.reddit.feedTimeoutMs]).toEqual([9_000, 9_000]);
  });

  it('a feed token goes with REDDIT_USERNAME as its user', () => {
    expect(loadConfig({ REDDIT_FEED_TOKEN: 'abcdef0123456789', REDDIT_USERNAME: 'trend_tester' }, '0').reddit.feeds.token).toEqual({ feed: 'abcdef0123456789', user: 'trend_tester' });
    expect(() => loadConfig({ REDDIT_FEED_TOKEN: 'abcdef0123456789' }, '0')).toThrow(/^REDDIT_USERNAME: is required with REDDIT_FEED_TOKEN/);
  });

  it.each([
    ['REDDIT_FEED_BASE', 'ftp://example.com'],
    ['REDDIT_FEED_MAX_REQUESTS', '0'],
    ['REDDIT_FEED_MIN_INTERVAL_MS', '10'],
    ['REPORT_MAX_STALE_DAYS', '-1'],
    ['REPORT_MAX_STALE_DAYS', '31'],
  ])('%s=%s stops start-up naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value }, '0')).toThrow(new RegExp(`^${name}: `));
  });
});

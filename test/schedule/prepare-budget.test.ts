import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { morningPostDeps, type App } from '../../src/main.js';
import { feedsWorstCaseMinutes, prepareShortfall } from '../../src/schedule/prepare-budget.js';

// REPORT_PREPARE_MINUTES against the worst case of a feeds report: its whole request budget at one request a
// minute, plus the analysis.

describe('REPORT_PREPARE_MINUTES and the feeds budget', () => {
  it('the defaults fit: 20 requests at one a minute and the analysis take 25 minutes, the report is prepared 30 before', () => {
    const config = loadConfig({}, '0');
    expect(feedsWorstCaseMinutes(config.reddit.feeds)).toBe(25);
    expect(config.delivery.prepareMs).toBe(30 * 60_000);
    expect(prepareShortfall(config)).toBeUndefined();
  });

  it('a budget the default does not cover is warned, with the value to set; the setting takes up to a day', () => {
    const config = loadConfig({ REDDIT_FEED_MAX_REQUESTS: '60' }, '0');
    expect(prepareShortfall(config)).toMatch(/^REPORT_PREPARE_MINUTES is 30, but a report from Reddit's public feeds can take 65 minutes \(REDDIT_FEED_MAX_REQUESTS=60 requests at one a minute.*Set REPORT_PREPARE_MINUTES=65 or more$/);
    expect(prepareShortfall(loadConfig({ REDDIT_FEED_MAX_REQUESTS: '60', REPORT_PREPARE_MINUTES: '65' }, '0'))).toBeUndefined();
    expect(loadConfig({ REDDIT_FEED_MAX_REQUESTS: '500', REPORT_PREPARE_MINUTES: '505' }, '0').delivery.prepareMs).toBe(505 * 60_000);
    expect(() => loadConfig({ REPORT_PREPARE_MINUTES: '1441' }, '0')).toThrow(/^REPORT_PREPARE_MINUTES: /);
  });

  it('counts a minimum interval above a minute, and says nothing when the API collects', () => {
    expect(feedsWorstCaseMinutes(loadConfig({ REDDIT_FEED_MIN_INTERVAL_MS: '120000' }, '0').reddit.feeds)).toBe(45);
    const short = { REDDIT_FEED_MAX_REQUESTS: '60' };
    expect(prepareShortfall(loadConfig({ ...short, REDDIT_SOURCE: 'feeds', REDDIT_CLIENT_ID: 'a', REDDIT_CLIENT_SECRET: 'b' }, '0'))).toBeDefined();
    expect(prepareShortfall(loadConfig({ ...short, REDDIT_CLIENT_ID: 'a', REDDIT_CLIENT_SECRET: 'b' }, '0'))).toBeUndefined();
    expect(prepareShortfall(loadConfig({ ...short, REDDIT_SOURCE: 'sample' }, '0'))).toBeUndefined();
  });

  it('is warned when the morning posts start', () => {
    const lines: string[] = [];
    const log = createLogger('warn', { destination: { write: (line: string) => void lines.push(line) } as unknown as NodeJS.WritableStream });
    const app = { config: loadConfig({ REDDIT_FEED_MAX_REQUESTS: '60' }, '0'), sample: false, followUps: { bindReportThread: async () => undefined } } as unknown as App;
    morningPostDeps(app, [], { log });
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual([expect.stringMatching(/^REPORT_PREPARE_MINUTES is 30/)]);
  });
});

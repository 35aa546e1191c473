import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { serveHealth, type ServedHealth } from '../../src/health/serve.js';
import { createLogger } from '../../src/log.js';
import { openApp, type App } from '../../src/main.js';
import { SAMPLE_NOW } from '../commands/helpers.js';
import { loadSamplePosts, startFakeReddit, type FakeReddit } from '../fakes/reddit.js';
import { startFakeFeeds, type FakeFeeds } from '../fakes/reddit-feeds.js';
import { tempSqliteUrl } from '../helpers/store.js';
import { get } from './helpers.js';

// The app as `ai-trends start` wires it (REDDIT_SOURCE=auto with credentials), the fake Reddit revoking the
// key: the reports come from the public feeds (the fake, over HTTP), /healthz says so, with what to do, for
// as long as the process runs; the operator is told once, and no token is asked for again.

let reddit: FakeReddit | undefined;
let feeds: FakeFeeds | undefined;
let app: App | undefined;
let served: ServedHealth | undefined;
afterEach(async () => {
  await served?.close();
  await app?.close();
  await reddit?.close();
  await feeds?.close();
  reddit = app = served = feeds = undefined;
});

describe('GET /healthz when Reddit refuses the API key', () => {
  it('collects from the feeds; shows a "reddit" part (up: the bot still serves) naming the credentials and what to do, once a build met the refusal', async () => {
    const sample = loadSamplePosts();
    reddit = await startFakeReddit({ posts: sample.posts, now: sample.now });
    reddit.inject('/api/v1/access_token', { kind: 'status', status: 401, body: '{"error": "invalid_client"}' }, 100);
    feeds = await startFakeFeeds({ posts: sample.posts, now: sample.now });
    const config = loadConfig(
      {
        STORE_URL: tempSqliteUrl('ai-trends-health-'),
        HEALTH_HOST: '127.0.0.1',
        HEALTH_PORT: '0',
        REDDIT_CLIENT_ID: 'test-id',
        REDDIT_CLIENT_SECRET: 'test-secret',
        REDDIT_API_BASE: reddit.apiBase,
        REDDIT_AUTH_BASE: reddit.authBase,
        REDDIT_FEED_BASE: feeds.base,
        // Quick for the fake: two communities, 1 s apart, no comment feeds.
        REDDIT_SUBREDDITS: 'singularity,LocalLLaMA',
        REDDIT_FEED_MIN_INTERVAL_MS: '1000',
        ANALYSIS_ENRICH_POSTS: '0',
      },
      '0.0.0-test',
    );
    const told: string[] = [];
    app = await openApp(config, { sample: false, log: createLogger('silent'), observe: true, clock: () => SAMPLE_NOW, notice: (line) => told.push(line) });
    served = await serveHealth(app, createLogger('silent'));
    const base = `http://127.0.0.1:${served!.port}`;

    const before = await get(base, '/healthz');
    expect(before.json.checks).toEqual({ store: { ok: true, detail: 'answers reads and writes' } });

    const { report } = await app.reports.get({ now: SAMPLE_NOW });
    expect(report.source?.mode).toBe('feeds');
    expect(report.warnings[0]).toMatch(/^Reddit refused the API credentials REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET \(invalid_client\): these posts come from Reddit's public feeds/);
    const feedRequests = feeds.requests.length;
    const again = await app.reports.get({ now: SAMPLE_NOW, refresh: true });
    expect(again.report.source?.mode).toBe('feeds');
    expect(feeds.requests.length).toBeGreaterThan(feedRequests);

    const after = await get(base, '/healthz');
    expect(after.status).toBe(200);
    expect(after.json.down).toEqual([]);
    expect(after.json.checks.reddit).toEqual({
      ok: true,
      detail: expect.stringMatching(/^Reddit refused the API credentials REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET \(invalid_client\) at .*; reports are collected from the public feeds/),
      fix: expect.stringMatching(/^Reddit no longer accepts this app's key: renew them at https:\/\/www\.reddit\.com\/prefs\/apps/),
    });
    // Said once, however many builds met it; one token request in all.
    expect(told.filter((line) => /REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET \(invalid_client\): collecting from the public feeds instead/.test(line))).toHaveLength(1);
    expect(reddit.requests.filter((r) => r.path === '/api/v1/access_token')).toHaveLength(1);
  }, 30_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { loadSamplePosts, startFakeReddit, type FakeReddit } from '../fakes/reddit.js';
import { sampleReport } from '../followup/helpers.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { tempSqliteUrl } from '../helpers/store.js';

// `ai-trends report --now <a past day>` outside the sample: Reddit gives only today's posts, so such a
// day's report exists only if it was built that day. It used to build one from today's posts, every one
// outside that day's windows: an empty report, stored as that day's.

const today = () => new Date('2026-02-13T10:00:00Z');

let reddit: FakeReddit | undefined;
afterEach(async () => {
  await reddit?.close();
  reddit = undefined;
});

async function storeWithLiveDay(): Promise<string> {
  const url = tempSqliteUrl();
  const store = await openStore(url, 'live');
  // The sample's posts, stored as the live report of 2026-02-11 (collected from the API that day).
  await store.reports.set('2026-02-11', { ...sampleReport(), source: { mode: 'api', numbersMissing: false } });
  await store.close();
  return url;
}

describe('ai-trends report --now on a past day', () => {
  it('serves the stored report of that day', async () => {
    const run = await runCliInProcess(['report', '--now', '2026-02-11T09:00:00Z'], { STORE_URL: await storeWithLiveDay() }, { clock: today });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11$/m);
    expect(run.stderr).toMatch(/served the stored 2026-02-11 report/);
  });

  it('refuses a day with no stored report when Reddit has only newer posts, naming the stored days, and stores nothing', async () => {
    const url = await storeWithLiveDay();
    // Reddit (the fake, over HTTP) gives its latest posts, every one newer than the day asked.
    const sample = loadSamplePosts();
    reddit = await startFakeReddit({ posts: sample.posts, now: sample.now });
    const env = { STORE_URL: url, REDDIT_CLIENT_ID: 'test-id', REDDIT_CLIENT_SECRET: 'test-secret', REDDIT_API_BASE: reddit.apiBase, REDDIT_AUTH_BASE: reddit.authBase };
    const run = await runCliInProcess(['report', '--now', '2025-12-01T09:00:00Z'], env, { clock: today });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n').at(-1)).toBe(
      "ai-trends report: no report is stored for 2025-12-01 (Reddit gives only today's posts, so a past day's report is built on that day or never; stored days: 2026-02-11). Leave out --now for today's report, or add --sample for the bundled sample day (2026-02-11)",
    );
    const store = await openStore(url, 'live');
    expect(await store.reports.get('2025-12-01')).toBeUndefined();
    expect(await store.snapshots.get('2025-12-01')).toBeUndefined();
    await store.close();
  });

  it('a Reddit whose posts are of the day asked still builds it (as the fakes of the other tests do)', async () => {
    const sample = loadSamplePosts();
    reddit = await startFakeReddit({ posts: sample.posts, now: sample.now });
    const env = { STORE_URL: tempSqliteUrl(), REDDIT_CLIENT_ID: 'test-id', REDDIT_CLIENT_SECRET: 'test-secret', REDDIT_API_BASE: reddit.apiBase, REDDIT_AUTH_BASE: reddit.authBase };
    const run = await runCliInProcess(['report', '--now', '2026-02-11T08:00:00Z'], env, { clock: today });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11$/m);
  });

  it('refuses --refresh of a past day: it cannot be built again', async () => {
    const run = await runCliInProcess(['report', '--refresh', '--now', '2026-02-11T09:00:00Z'], { STORE_URL: await storeWithLiveDay() }, { clock: today });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the stored 2026-02-11 report cannot be built again .*leave out --refresh to see it/);
  });

  it('today at an earlier hour is still today: collected as usual (here the feeds refuse: the marked sample)', async () => {
    const run = await runCliInProcess(['report', '--now', '2026-02-13T07:00:00Z'], { STORE_URL: tempSqliteUrl() }, { clock: today });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^warning: Reddit's public feeds could not be reached .*showing the bundled sample day of 2026-02-11/m);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { loadSamplePosts, startFakeReddit, type FakeReddit } from '../fakes/reddit.js';
import { spawnBin, tempStoreUrl, type RunningBin } from '../helpers/run-cli.js';

// Two `ai-trends report` processes on one store, the first SIGKILLed while it builds the day's report
// (its Reddit requests hanging). The second waits for the first's build claim, and must take over once
// the dead process stops renewing it: within the claim's 30 s, not the fixed 10 minutes it once was
// (a restarted bot's /trends said "thinking…" all that time).

const CLAIM_MS = 30_000;
let reddit: FakeReddit | undefined;
let first: RunningBin | undefined;
afterEach(async () => {
  first?.child.kill('SIGKILL');
  await reddit?.close();
  reddit = first = undefined;
});

describe('the report build claim after a SIGKILL', () => {
  it('passes to the next process within the claim TTL', async () => {
    const { now, posts } = loadSamplePosts();
    const options = { posts, now, latencyMs: 120_000 };
    reddit = await startFakeReddit(options);
    const env = { REDDIT_CLIENT_ID: 'test-id', REDDIT_CLIENT_SECRET: 'test-secret', REDDIT_API_BASE: reddit.apiBase, REDDIT_AUTH_BASE: reddit.authBase, STORE_URL: tempStoreUrl(), REDDIT_MAX_RETRIES: '0' };
    const at = new Date(now * 1000).toISOString();

    // The first builder claims the day and asks Reddit, which does not answer; then it is killed.
    first = spawnBin(['report', '--now', at], env);
    for (let i = 0; i < 400 && reddit.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(reddit.requests.length).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = Date.now();
    options.latencyMs = 0;
    const asked = reddit.requests.length;

    const second = spawnBin(['report', '--now', at], env);
    const { code } = await second.exited;
    expect(code, second.stderr()).toBe(0);
    expect(second.stdout()).toMatch(/^# Reddit AI Trend Report - 2026-02-11$/m);
    // Its build began (its first request to Reddit) once the dead claim ran out: well within 10 minutes.
    const startedBuilding = reddit.requests[asked]!.at - killedAt;
    expect(startedBuilding).toBeLessThan(CLAIM_MS + 5_000);
  }, 90_000);
});

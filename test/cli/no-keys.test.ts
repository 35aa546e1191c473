import { afterEach, describe, expect, it } from 'vitest';
import { loadSamplePosts } from '../fakes/reddit.js';
import { startFakeFeeds, type FakeFeeds } from '../fakes/reddit-feeds.js';
import { freePort } from '../helpers/free-port.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';
import { startSilentServer, type SilentServer } from '../helpers/silent-server.js';

// `npm start` and `ai-trends report` with no Reddit keys (REDDIT_SOURCE=auto: the public feeds), as a new
// user runs them: the real bin in a child process, a real SQLite store. With no network (a closed port, or
// one that swallows requests) they show the bundled sample within 10 s, with one line saying why and what to
// do; with a reachable feed (the fake, over HTTP) they show today's real report.

let silent: SilentServer | undefined;
let feeds: FakeFeeds | undefined;
afterEach(async () => {
  await silent?.close();
  await feeds?.close();
  silent = feeds = undefined;
});

/** No keys: the ladder's default, pointed at `base`. */
const noKeys = (base: string) => ({ STORE_URL: tempStoreUrl(), REDDIT_SOURCE: 'auto', REDDIT_FEED_BASE: base });

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/**
 * The 10 s a user waits at most, from the launch to the sample. On a machine so loaded that the bin with the
 * sample alone (REDDIT_SOURCE=sample, no network at all) already takes more than 4 s, the bound is what the
 * fallback adds: one feeds timeout (4 s) and a little, on top of that run.
 */
async function fallbackBound(command: string): Promise<number> {
  const { ms } = await timed(() => runBin([command], { STORE_URL: tempStoreUrl(), REDDIT_SOURCE: 'sample' }));
  return Math.max(10_000, ms + 6_000);
}

const fallbackLine = /^warning: Reddit's public feeds could not be reached \((.+)\): showing the bundled sample day of 2026-02-11, not today's posts\. Set REDDIT_SOURCE=sample to skip this, or see README "Reddit"$/;

describe('no keys, no network: the bundled sample within 10 s (fallbackBound), and one line', () => {
  /** A feeds base where nobody answers: a closed port, or one that accepts and never answers. */
  const unreachable = {
    'refusing connections': async () => ({ base: `http://127.0.0.1:${await freePort()}`, why: /ECONNREFUSED/ }),
    'accepting connections and never answering': async () => {
      silent = await startSilentServer();
      return { base: `http://127.0.0.1:${silent.port}`, why: /did not answer within 4000 ms/ };
    },
  };

  it.each(Object.keys(unreachable) as Array<keyof typeof unreachable>)('report, the feeds %s', async (kind) => {
    const { base, why } = await unreachable[kind]();
    const bound = await fallbackBound('report');
    const { result, ms } = await timed(() => runBin(['report'], noKeys(base)));
    expect(result.code).toBe(0);
    expect(ms).toBeLessThan(bound);
    expect(result.stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11\n/);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toEqual([expect.stringMatching(fallbackLine)]);
    expect(warnings[0]).toMatch(why);
    // One request, no retry: nobody was there.
    if (silent) expect(silent.requests).toBe(1);
  }, 30_000);

  it('npm start (the terminal, stdin a pipe): the sample morning post, and the line on stderr', async () => {
    silent = await startSilentServer();
    const bound = await fallbackBound('start');
    const { result, ms } = await timed(() => runBin(['start'], noKeys(`http://127.0.0.1:${silent!.port}`)));
    expect(result.code).toBe(0);
    expect(ms).toBeLessThan(bound);
    // While the feeds are tried, the terminal says so; then the sample's morning post.
    expect(result.stdout).toMatch(/^Note: Today's report is being collected from Reddit's public feeds[^]*?\n\nReddit AI Trend Report - 2026-02-11\n=+\n/);
    // The post itself says it is the sample, not today's news.
    expect(result.stdout).toMatch(/showing the bundled sample day of 2026-02-11, not today's posts/);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^Reddit's public feeds could not be reached \(.*did not answer within 4000 ms.*\): showing the bundled sample day of 2026-02-11, not today's posts\. Set REDDIT_SOURCE=sample to skip this, or see README "Reddit"$/)]);
  }, 30_000);

  it('asked again within 30 minutes, the stand-in is served at once without asking Reddit', async () => {
    const env = noKeys(`http://127.0.0.1:${await freePort()}`);
    await runBin(['report'], env);
    silent = await startSilentServer();
    const again = await runBin(['report'], { ...env, REDDIT_FEED_BASE: `http://127.0.0.1:${silent.port}` });
    expect(again.code).toBe(0);
    expect(silent.requests).toBe(0);
    expect(again.stderr).toMatch(/served the stand-in kept since today's posts could not be collected; Reddit is asked again after \d\d:\d\d UTC, or now with --refresh/);
  }, 30_000);
});

describe('no keys, a reachable feed: today\'s real report', () => {
  /** The fake feeds serving the sample's posts as if posted in the hours before now. */
  async function todaysFeeds(): Promise<FakeFeeds> {
    const sample = loadSamplePosts();
    const nowS = Math.floor(Date.now() / 1000);
    const shift = nowS - sample.now;
    return startFakeFeeds({ posts: sample.posts.map((p) => ({ ...p, created_utc: p.created_utc + shift })), now: nowS });
  }
  const today = () => new Date().toISOString().slice(0, 10);
  // Quick pacing for the fake, and few comment feeds: the report in seconds.
  const quick = { REDDIT_FEED_MIN_INTERVAL_MS: '1000', ANALYSIS_ENRICH_POSTS: '1', REDDIT_USERNAME: 'trend_tester' };

  it('report collects from the feeds, with an honest User-Agent, and warns of no fallback', async () => {
    feeds = await todaysFeeds();
    const result = await runBin(['report'], { ...noKeys(feeds.base), ...quick });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`# Reddit AI Trend Report - ${today()}\n`)).toBe(true);
    expect(result.stderr).not.toMatch(/bundled sample|could not be reached/);
    // stderr is a pipe here: no progress line, no control characters.
    expect(result.stderr).not.toMatch(/\r|\x1b|Collecting/);
    expect(feeds.requests.length).toBeGreaterThanOrEqual(3);
    expect(feeds.requests.every((r) => r.headers['user-agent'] === 'node:ai-trends:0.1.0 (by /u/trend_tester)')).toBe(true);
  }, 60_000);

  it('npm start posts today\'s report in the terminal', async () => {
    feeds = await todaysFeeds();
    const result = await runBin(['start'], { ...noKeys(feeds.base), ...quick });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^(Note: Today's report is being collected from Reddit's public feeds[^]*?\\n\\n)?Reddit AI Trend Report - ${today()}\\n=+\\n`));
    expect(result.stdout).not.toMatch(/bundled sample/);
  }, 60_000);
});

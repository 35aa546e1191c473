import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSubreddits } from '../../src/config.js';
import { loadSamplePosts, startFakeReddit, type FakeReddit } from '../fakes/reddit.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// The CLI end to end: the real bin in a child process, a real SQLite store, the fake Reddit over HTTP.

const sampleNow = '2026-02-11T08:00:00Z';

describe('ai-trends report --sample (no credentials)', () => {
  it('prints JSON with the documented shape and nothing else on stdout', async () => {
    const result = await runBin(['report', '--sample', '--format', 'json'], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report).sort()).toEqual(['analysis', 'chart', 'date', 'generatedAt', 'sections', 'source', 'warnings']);
    expect(report.source).toEqual({ mode: 'sample', numbersMissing: false });
    expect(report.date).toBe('2026-02-11');
    expect(report.generatedAt).toBe('2026-02-11T08:00:00.000Z');
    expect(report.sections.today).toHaveLength(10);
    expect(report.sections.week).toHaveLength(20);
    expect(report.sections.month).toHaveLength(20);
    expect(report.sections.communities.map((c: { subreddit: string }) => c.subreddit)).toEqual([
      'AI_Agents',
      'datascience',
      'LocalLLaMA',
      'LocalLLM',
      'MachineLearning',
      'Rag',
      'singularity',
    ]);
    expect(Object.keys(report.sections.today[0]).sort()).toEqual(['createdAt', 'flair', 'id', 'numComments', 'score', 'subreddit', 'title', 'url']);
  });

  it('prints the Markdown report by default, and serves it from the store the second time', async () => {
    const env = { STORE_URL: tempStoreUrl() };
    const first = await runBin(['report', '--sample'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11\n/);
    expect(first.stderr).not.toMatch(/served the stored/);
    const second = await runBin(['report', '--sample'], env);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/served the stored 2026-02-11 report/);
    const refreshed = await runBin(['report', '--sample', '--refresh'], env);
    expect(refreshed.stderr).not.toMatch(/served the stored/);
  });

  it('writes to --out and keeps stdout empty', async () => {
    const store = tempStoreUrl();
    const out = join(store.replace('sqlite://', '').replace(/store\.sqlite$/, ''), 'report.md');
    const result = await runBin(['report', '--sample', '--out', out], { STORE_URL: store });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Reddit AI Trend Report - 2026-02-11/);
  });
});

describe('ai-trends command-line errors: one clear line, non-zero exit', () => {
  const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['a bad --now', ['report', '--sample', '--now', 'yesterday'], {}, /--now must be an ISO 8601 date and time/],
    ['an impossible --now', ['report', '--sample', '--now', '2026-02-31T08:00:00Z'], {}, /--now must be/],
    ['an unknown option', ['report', '--sample', '--colour'], {}, /unknown option '--colour'.*Usage: ai-trends report/],
    ['an unknown format', ['report', '--sample', '--format', 'html'], {}, /--format must be one of markdown, json/],
    ['an unknown command', ['reprot'], {}, /unknown command "reprot"/],
    ['REDDIT_SOURCE=api without credentials', ['report'], { REDDIT_SOURCE: 'api' }, /REDDIT_CLIENT_ID: is required with REDDIT_SOURCE=api \(with REDDIT_CLIENT_SECRET\); without API keys leave REDDIT_SOURCE unset/],
    ['a REDDIT_SOURCE it does not know', ['report'], { REDDIT_SOURCE: 'rss' }, /REDDIT_SOURCE: auto .*, api, feeds or sample/],
    ['half the credentials', ['report'], { REDDIT_CLIENT_ID: 'abc' }, /REDDIT_CLIENT_SECRET: is required/],
    ['a bad STORE_URL', ['report', '--sample'], { STORE_URL: 'mysql://x' }, /STORE_URL: sqlite:\/\/path/],
    ['a bad subreddit list', ['report', '--sample'], { REDDIT_SUBREDDITS: 'LocalLLaMA,not a name' }, /REDDIT_SUBREDDITS:/],
  ];
  it.each(cases)('%s', async (_name, args, env, message) => {
    const result = await runBin(args, { STORE_URL: tempStoreUrl(), ...env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('ai-trends report against Reddit (the fake, over HTTP)', () => {
  let reddit: FakeReddit | undefined;
  afterEach(async () => {
    await reddit?.close();
  });

  it('collects, reports and stores; the next run is served from the store without asking Reddit', async () => {
    const sample = loadSamplePosts();
    // The sample has no posts from these communities; they exist and are quiet that day.
    const quiet = { LangChain: { status: 'ok' as const }, LLMDevs: { status: 'ok' as const }, vectordatabase: { status: 'ok' as const } };
    reddit = await startFakeReddit({ posts: sample.posts, now: sample.now, subreddits: { ...quiet, hackernews: { status: 'private' } } });
    const env = {
      STORE_URL: tempStoreUrl(),
      REDDIT_CLIENT_ID: 'test-id',
      REDDIT_CLIENT_SECRET: 'test-secret',
      REDDIT_USERNAME: 'trend_tester',
      REDDIT_API_BASE: reddit.apiBase,
      REDDIT_AUTH_BASE: reddit.authBase,
    };
    const first = await runBin(['report', '--now', sampleNow, '--format', 'json'], env);
    expect(first.stderr).toMatch(/warning: r\/hackernews skipped: private \(403\)/);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.sections.today.map((p: { id: string }) => p.id)).toContain('1r1lmcy');
    expect(report.warnings).toEqual(['r/hackernews skipped: private (403)']);
    const listings = reddit.requests.filter((r) => /\/(new|top)$/.test(r.path));
    expect(listings.length).toBeLessThanOrEqual(15);
    expect(reddit.requests.filter((r) => r.path.endsWith('/about'))).toHaveLength(defaultSubreddits.length);
    expect(reddit.requests.every((r) => r.path === '/api/v1/access_token' || r.headers['user-agent'] === 'node:ai-trends:0.1.0 (by /u/trend_tester)')).toBe(true);

    const before = reddit.requests.length;
    const second = await runBin(['report', '--now', sampleNow, '--format', 'json'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(report);
    expect(reddit.requests.length).toBe(before);
  });

  it('REDDIT_SOURCE=api with credentials Reddit refuses: the bundled sample, marked, and one line naming them', async () => {
    const sample = loadSamplePosts();
    reddit = await startFakeReddit({ posts: sample.posts, now: sample.now });
    const result = await runBin(['report', '--now', sampleNow, '--format', 'json'], {
      STORE_URL: tempStoreUrl(),
      REDDIT_SOURCE: 'api',
      REDDIT_CLIENT_ID: 'wrong',
      REDDIT_CLIENT_SECRET: 'wrong',
      REDDIT_API_BASE: reddit.apiBase,
      REDDIT_AUTH_BASE: reddit.authBase,
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.warnings[0]).toMatch(/^Reddit refused the API credentials REDDIT_CLIENT_ID\/REDDIT_CLIENT_SECRET \(401\): showing the bundled sample day of 2026-02-11, not today's posts/);
    const warnings = result.stderr.trim().split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toEqual([`warning: ${report.warnings[0]}`]);
    expect(reddit.requests.filter((r) => r.path !== '/api/v1/access_token')).toEqual([]);
  });
});

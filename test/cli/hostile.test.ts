import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { HOSTILE_TEXT, hostileClaude, startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { loadSamplePosts, startFakeReddit, type FakeReddit, type RawPost } from '../fakes/reddit.js';
import { assertSafeOutput, controlOrBidi } from '../helpers/hostile.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// The whole program against a hostile Reddit and a hostile model, as a user would run it: the Markdown
// and JSON reports, the terminal chat and `ask`. Whatever comes in, nothing that comes out can ping,
// link outside Reddit, carry a control character, or be an empty report.

const sampleNow = '2026-02-11T08:00:00Z';
const evil = HOSTILE_TEXT;

let reddit: FakeReddit | undefined;
let anthropic: FakeAnthropic | undefined;
afterEach(async () => {
  await reddit?.close();
  await anthropic?.close();
  reddit = anthropic = undefined;
});

function hostilePosts(): RawPost[] {
  const { posts } = loadSamplePosts();
  const top = [...posts].sort((a, b) => b.score - a.score);
  const edit = new Map<string, Partial<RawPost>>([
    [top[0]!.id, { title: `${evil} | table | break`, link_flair_text: `${'flair '.repeat(100)} https://evil.example/flair` }],
    [top[1]!.id, { link_flair_text: 'AI @here https://evil.example' }],
  ]);
  const changed = posts.map((p) => ({ ...p, ...edit.get(p.id) }));
  const junk: RawPost[] = [
    { ...posts[0]!, id: ') [PWN](http://evil.example)', title: 'injected id' },
    { ...posts[1]!, id: 'zz1', subreddit: 'evil) [x](http://evil.example)', title: 'injected community' },
    { ...posts[2]!, id: 'zz2', score: 'lots' as unknown as number, title: 'malformed score' },
  ];
  return [...changed, ...junk];
}

async function hostileReddit() {
  const { now } = loadSamplePosts();
  reddit = await startFakeReddit({ posts: hostilePosts(), now, subreddits: { LangChain: { status: 'ok' }, LLMDevs: { status: 'ok' }, vectordatabase: { status: 'ok' }, hackernews: { status: 'ok' } } });
  return { REDDIT_CLIENT_ID: 'test-id', REDDIT_CLIENT_SECRET: 'test-secret', REDDIT_API_BASE: reddit.apiBase, REDDIT_AUTH_BASE: reddit.authBase };
}

describe('hostile Reddit and a hostile model, through every output', () => {
  it('report (Markdown and JSON), terminal and ask stay safe; the malformed posts are named in one warning', async () => {
    const redditEnv = await hostileReddit();
    anthropic = await startFakeAnthropic();
    const report = buildReport(loadSample().posts, loadSample().now);
    anthropic.setDefault(hostileClaude({ postIds: [report.sections.today[0]!.id], subreddit: report.sections.today[0]!.subreddit }));
    const env = { ...redditEnv, STORE_URL: tempStoreUrl(), ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: anthropic.baseURL, ANTHROPIC_MAX_RETRIES: '0' };

    const markdown = await runBin(['report', '--now', sampleNow], env);
    expect(markdown.code).toBe(0);
    assertSafeOutput(markdown.stdout);
    expect(markdown.stdout).toContain('## Trend Analysis');
    // Every table row has as many cell dividers as its header: a title's "|" cannot break a row.
    const dividers = (line: string) => line.match(/(?<!\\)\|/g)!.length;
    for (const table of markdown.stdout.split(/\n(?!\|)/).map((block) => block.split('\n').filter((l) => l.startsWith('|'))).filter((rows) => rows.length > 0)) {
      for (const row of table) expect(dividers(row)).toBe(dividers(table[0]!));
    }
    // Two distinct junk posts in the listings (the third names a community nobody asked for), each in
    // several listings and counted once; the example is a real id, not the injected one.
    expect(markdown.stderr).toMatch(/warning: 2 post\(s\) from Reddit had missing or malformed fields and were left out \(for example zz2\)\n/);

    const json = await runBin(['report', '--now', sampleNow, '--format', 'json'], env);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.analysis.source).toBe('claude'); // the hostile model's analysis, cleaned, not the offline one
    // The model's prose is cleaned; post titles in the JSON are data, as Reddit wrote them (each renderer cleans them).
    assertSafeOutput(JSON.stringify(parsed.analysis.sections));
    expect(parsed.sections.today.every((p: { id: string }) => /^[a-z0-9]+$/.test(p.id))).toBe(true);
    // Titles and flair lose their control and bidi characters when they are read from Reddit: a program
    // printing the JSON must not have its terminal retitled. Mentions and URLs in them stay: in the JSON
    // they are data, what the post says, for the reader's own program to show as it sees fit; every
    // renderer of ours (Markdown, terminal, Discord, Slack) neutralises them, as asserted above.
    const posts = [...parsed.sections.today, ...parsed.sections.week, ...parsed.sections.month, ...parsed.sections.communities.flatMap((c: { posts: unknown[] }) => c.posts)];
    const hostileTitle = posts.find((p: { title: string }) => p.title.includes('| table | break'));
    expect(hostileTitle.title).toContain('@everyone <@&123456789012345678> <!channel> [click](http://evil.example)');
    for (const text of [...posts.flatMap((p: { title: string; flair: string | null }) => [p.title, p.flair ?? '']), ...Object.values(parsed.analysis.citations).map((c) => (c as { title: string }).title)]) {
      expect(text).not.toMatch(controlOrBidi);
    }

    const terminal = await runBin(['start', '--interactive'], { ...env, LOG_LEVEL: 'silent' }, '/trends full\nwhat is the top post?\n/trends today @everyone\n/quit\n');
    expect(terminal.code).toBe(0);
    assertSafeOutput(terminal.stdout, { markup: false });

    const ask = await runBin(['ask', 'what is the top post?'], env);
    expect(ask.code).toBe(0);
    assertSafeOutput(ask.stdout, { markup: false });
    expect(ask.stdout).not.toContain('999999');
  }, 60_000);
});

describe('hostile text in what Reddit says about a failure', () => {
  it('a 403 reason with a terminal escape, a bidi override, a ping and a link reaches no output raw', async () => {
    const redditEnv = await hostileReddit();
    const reason = '\u001b]0;pwned\u0007\u202e @everyone https://evil.example';
    reddit!.inject('/r/Rag/about', { kind: 'status', status: 403, body: JSON.stringify({ reason, message: 'Forbidden', error: 403 }) });
    const env = { ...redditEnv, STORE_URL: tempStoreUrl() };

    const json = await runBin(['report', '--now', sampleNow, '--format', 'json'], env);
    expect(json.code).toBe(0);
    // The warning is still there and says which subreddit and what Reddit answered.
    expect(json.stderr).toMatch(/warning: r\/Rag skipped: .*pwned.*\(403\)/);
    assertSafeOutput(json.stderr, { markup: false });
    const warnings: string[] = JSON.parse(json.stdout).warnings;
    expect(warnings.some((w) => w.startsWith('r/Rag skipped:'))).toBe(true);
    assertSafeOutput(JSON.stringify(warnings), { markup: false });

    // The Markdown report reads the stored report: its notes carry the same clean warning.
    const markdown = await runBin(['report', '--now', sampleNow], env);
    expect(markdown.stdout).toMatch(/r\/Rag skipped/);
    assertSafeOutput(markdown.stdout);
  }, 30_000);
});

describe('an upstream that redirects or floods', () => {
  it.each([
    ['a redirect to another host', { kind: 'redirect' as const, location: 'http://evil.example/r/empty.json' }, /redirected to http:\/\/evil\.example\/r\/empty\.json, which is not followed/, {}],
    ['a 20 MB answer', { kind: 'huge' as const, bytes: 20 * 1024 * 1024 }, /larger than 8388608 bytes/, {}],
    // Well under the default cap: refused only because REDDIT_MAX_RESPONSE_BYTES was read from the environment.
    ['a 200 kB answer with REDDIT_MAX_RESPONSE_BYTES=65536', { kind: 'huge' as const, bytes: 200 * 1024 }, /larger than 65536 bytes \(REDDIT_MAX_RESPONSE_BYTES\)/, { REDDIT_MAX_RESPONSE_BYTES: '65536' }],
  ])('%s: the report falls back to the bundled sample with a clear line, and nothing is stored as the day', async (_name, fault, message, extraEnv) => {
    const redditEnv = await hostileReddit();
    for (let i = 0; i < 50; i++) reddit!.inject('/r/', fault);
    const env = { ...redditEnv, STORE_URL: tempStoreUrl(), REDDIT_MAX_RETRIES: '0', ...extraEnv };
    const result = await runBin(['report', '--now', sampleNow], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11\n/);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toEqual([expect.stringMatching(/^warning: Reddit's API failed \(.*\): showing the bundled sample day of 2026-02-11, not today's posts/)]);
    expect(warnings[0]).toMatch(message);
    const again = await runBin(['report', '--now', sampleNow, '--format', 'json'], env);
    // Nothing was stored as the day's report: the second run gets the stand-in kept for 30 minutes.
    expect(again.stderr).not.toMatch(/served the stored/);
    expect(again.stderr).toMatch(/served the stand-in kept since today's posts could not be collected/);
  }, 30_000);
});

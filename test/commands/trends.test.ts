import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, runCommandLine, runParsed } from '../../commands/index.js';
import { trendsCommand } from '../../commands/trends.js';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { renderTextReply } from '../../src/render/text.js';
import type { Reply, ReplyBlock } from '../../src/reply/reply.js';
import { openHarness, sampleAnalysis, SAMPLE_NOW, type Harness } from './helpers.js';

// `/trends` on the bundled sample (now = 2026-02-11T08:00Z) with a real SQLite store.

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

const trends = (line: string, overrides = {}) => runCommandLine(`/trends ${line}`, h.context(overrides));
const textOf = (reply: Reply) => renderTextReply(reply);
const headings = (reply: Reply) => reply.blocks.filter((b): b is Extract<ReplyBlock, { type: 'heading' }> => b.type === 'heading').map((b) => b.text);
const postBlocks = (reply: Reply) => reply.blocks.filter((b): b is Extract<ReplyBlock, { type: 'posts' }> => b.type === 'posts');
const errorText = (reply: Reply) => {
  expect(reply.private).toBe(true);
  expect(reply.openThread).toBeUndefined();
  const block = reply.blocks[0]!;
  expect(block).toMatchObject({ type: 'note', tone: 'error' });
  return (block as { text: string }).text;
};

describe('/trends sections', () => {
  it('defaults to the summary of today: top 5, a note that there is no analysis, and a thread to open', async () => {
    const reply = await trends('');
    expect(headings(reply)).toEqual(['Reddit AI Trend Report - 2026-02-11', "Today's top 5"]);
    const [top] = postBlocks(reply);
    expect(top!.posts.map((p) => p.id)).toEqual(['1r1lmcy', '1r1auy1', '1r0zmdz', '1r0zn8o', '1r0wr5l']);
    expect(reply.blocks).toContainEqual({ type: 'note', tone: 'info', text: expect.stringMatching(/No trend analysis for this report yet/) });
    expect(reply.openThread).toEqual({ reportDate: '2026-02-11', title: 'Reddit AI Trend Report - 2026-02-11' });
    expect(reply.private).toBeUndefined();
    // Built on demand and stored once.
    expect(await h.store.reports.get('2026-02-11')).toBeDefined();
  });

  it.each([
    ['today', "Today's Trending Posts", 10],
    ['week', 'Weekly Popular Posts', 20],
    ['month', 'Monthly Popular Posts', 20],
  ])('%s shows its table in full', async (section, title, count) => {
    const reply = await trends(section);
    expect(headings(reply)).toEqual(['Reddit AI Trend Report - 2026-02-11', title]);
    expect(postBlocks(reply)[0]!.posts).toHaveLength(count);
    expect(reply.openThread?.reportDate).toBe('2026-02-11');
  });

  it('communities shows one list per community, without the community column', async () => {
    const reply = await trends('communities');
    expect(headings(reply).slice(2)).toEqual(['r/AI_Agents', 'r/datascience', 'r/LocalLLaMA', 'r/LocalLLM', 'r/MachineLearning', 'r/Rag', 'r/singularity']);
    expect(postBlocks(reply).every((b) => !b.showCommunity)).toBe(true);
  });

  it('analysis says so when the report has none', async () => {
    const reply = await trends('analysis');
    expect(headings(reply)).toEqual(['Reddit AI Trend Report - 2026-02-11', 'Trend Analysis']);
    expect(textOf(reply)).toMatch(/Note: No trend analysis for this report yet/);
  });

  it('full shows every section, and section words are case-insensitive', async () => {
    const reply = await trends('FULL');
    expect(headings(reply)).toEqual(
      expect.arrayContaining(["Today's Trending Posts", 'Weekly Popular Posts', 'Monthly Popular Posts', 'Top Posts by Community (Past 24 Hours)']),
    );
    // This report has no analysis yet: full shows what there is, without an empty analysis section.
    expect(headings(reply)).not.toContain('Trend Analysis');
  });

  it('takes section, date and community in any order', async () => {
    const a = await trends('week 2026-02-11 localllama');
    const b = await trends('r/LocalLLaMA week 2026-02-11');
    expect(a).toEqual(b);
    expect(headings(a)).toEqual(['Reddit AI Trend Report - 2026-02-11 - r/LocalLLaMA', 'Weekly Popular Posts']);
    expect(postBlocks(a)[0]!.posts.map((p) => p.subreddit)).toEqual(['LocalLLaMA', 'LocalLLaMA', 'LocalLLaMA']);
  });

  it('narrows the communities section and the summary to one community', async () => {
    const communities = await trends('communities rag');
    expect(headings(communities)).toEqual(['Reddit AI Trend Report - 2026-02-11 - r/Rag', 'Top Posts by Community (Past 24 Hours)', 'r/Rag']);
    const summary = await trends('AI_Agents');
    expect(postBlocks(summary)[0]?.posts.every((p) => p.subreddit === 'AI_Agents') ?? true).toBe(true);
  });

  it('a community with no post in a window says so instead of an empty table', async () => {
    const reply = await trends('today datascience');
    expect(textOf(reply)).toMatch(/No posts from r\/datascience in this window/);
  });
});

describe('/trends with an analysis', () => {
  beforeEach(async () => {
    const { report } = await h.reports.get({ now: SAMPLE_NOW });
    await h.store.reports.set(report.date, { ...report, analysis: sampleAnalysis(report) });
  });

  it('the summary adds the highlights, skipping those about the top posts it lists', async () => {
    // The only highlight is about today's #2, already in the summary's top 5: it is not told twice.
    const reply = await trends('');
    expect(headings(reply)).toContain('Highlights');
    const text = textOf(reply);
    expect(text).not.toMatch(/Seedance 2\.0 goes viral/);
    expect(text).toMatch(/Every highlight of the day is about the top posts above/);
    expect(text).not.toMatch(/No trend analysis/);
  });

  it('the summary shows a highlight about a post outside its top list, linked only to cited posts', async () => {
    const { report } = await h.reports.get({ now: SAMPLE_NOW });
    const analysis = sampleAnalysis(report);
    const outside = report.sections.today[6]!;
    analysis.citations[outside.id] = { id: outside.id, title: outside.title, subreddit: outside.subreddit, score: outside.score, numComments: outside.numComments, url: outside.url };
    analysis.sections.highlights[0]!.items.push({ name: 'A resignation', summary: 'A cofounder left.', whyItMatters: '', postIds: [outside.id, 'ghost1'] });
    await h.store.reports.set(report.date, { ...report, analysis });
    const text = textOf(await trends(''));
    expect(text.replace(/\s+/g, ' ')).toContain(`[1] A resignation <${outside.url}> (r/singularity, ${outside.score} points, ${outside.numComments} comments): A cofounder left.`);
    expect(text).not.toMatch(/Seedance 2\.0 goes viral/);
    expect(text).not.toMatch(/ghost1/);
  });

  it('the analysis section renders every part, with links from the citations', async () => {
    const reply = await trends('analysis');
    // The reference's five sections, as the Markdown file has them.
    expect(headings(reply)).toEqual([
      'Reddit AI Trend Report - 2026-02-11',
      'Trend Analysis',
      "1. Today's Highlights",
      '2. Weekly Trend Comparison',
      '3. Monthly Technology Evolution',
      '4. Technical Deep Dive: The banger tweet',
      '5. Community Highlights',
    ]);
    const text = textOf(reply);
    expect(text).toMatch(/Why it matters: Video generation is\s+mainstream/);
    expect(text).toMatch(/Automatic summary in English: built without a language model/);
    expect(text).toMatch(/Persistent: Open models keep trending/);
    const links = reply.blocks.flatMap((b) => (b.type === 'paragraph' ? b.spans.filter((s) => s.url).map((s) => s.url) : []));
    expect(new Set(links)).toEqual(new Set(['https://www.reddit.com/comments/1r1auy1', 'https://www.reddit.com/comments/1r1lmcy', expect.stringMatching(/^https:\/\/www\.reddit\.com\/comments\//)]));
  });

  it('a community narrows the community focus of the analysis', async () => {
    const text = textOf(await trends('analysis LocalLLaMA'));
    expect(text).toMatch(/r\/LocalLLaMA: Local inference tricks/);
    expect(text).not.toMatch(/Hype and video/);
    expect(text).not.toMatch(/Across communities/);
  });
});

describe('/trends with the offline analyst of the app', () => {
  it('renders every part, every link a post of the report', async () => {
    const analysed = new DailyReports(h.store, sampleSource(), [createAnalysisStep({ store: h.store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } })]);
    const context = h.context({ services: { store: h.store, reports: analysed } });
    const summary = await runCommandLine('/trends', context);
    expect(headings(summary)).toContain('Highlights');
    const reply = await runCommandLine('/trends analysis', context);
    const { report } = await analysed.get({ now: SAMPLE_NOW });
    const known = new Set([...report.sections.today, ...report.sections.week, ...report.sections.month].map((p) => p.url));
    const links = [...summary.blocks, ...reply.blocks].flatMap((b) => (b.type === 'paragraph' ? b.spans.flatMap((s) => (s.url ? [s.url] : [])) : []));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(known.has(link) || report.sections.communities.some((c) => c.posts.some((p) => p.url === link))).toBe(true);
    expect(textOf(reply)).toMatch(/Automatic summary/);
  });
});

describe('/trends dates', () => {
  it("today's date is the same as no date", async () => {
    expect(await trends('2026-02-11')).toEqual(await trends(''));
  });

  it('a stored past report is served as it was stored', async () => {
    const { report } = await h.reports.get({ now: new Date('2026-02-10T08:00:00Z') });
    expect(report.date).toBe('2026-02-10');
    const reply = await trends('today 2026-02-10');
    expect(headings(reply)[0]).toBe('Reddit AI Trend Report - 2026-02-10');
    expect(reply.openThread?.reportDate).toBe('2026-02-10');
  });

  it('a past day with no stored report is explained, never built from today\'s posts', async () => {
    await h.reports.get({ now: new Date('2026-02-09T08:00:00Z') });
    const text = errorText(await trends('week 2026-02-01'));
    expect(text).toMatch(/No report is stored for 2026-02-01/);
    expect(text).toMatch(/cannot be rebuilt/);
    expect(text).toMatch(/Stored reports from the past 14 days: 2026-02-09/);
    expect(text).toMatch(/\/trends with no date shows today's report \(2026-02-11\)/);
    expect(await h.store.reports.get('2026-02-01')).toBeUndefined();
  });

  it.each([
    ['2026/02/10', /"2026\/02\/10" is not a date: write it as YYYY-MM-DD, e.g\. 2026-02-11/],
    ['2026-2-1', /"2026-2-1" is not a date/],
    ['2026-02-30', /2026-02-30 is not a day in the calendar/],
    ['2025-02-29', /2025-02-29 is not a day in the calendar/],
    ['2026-13-01', /2026-13-01 is not a day in the calendar/],
    ['2026-03-01', /2026-03-01 has not happened yet/],
  ])('rejects the date %s', async (date, message) => {
    expect(errorText(await trends(date))).toMatch(message);
  });
});

describe('/trends mistakes', () => {
  it('a mistyped section suggests the right one', async () => {
    const text = errorText(await trends('weak'));
    expect(text).toMatch(/"weak" is neither a section nor a community in the 2026-02-11 report\. Did you mean "week"\?/);
    expect(text).toMatch(/Sections: summary, today, week, month, communities, analysis, full/);
  });

  it('a mistyped section next to a community is caught before the report is read', async () => {
    const text = errorText(await trends('todya LocalLLaMA'));
    expect(text).toMatch(/Unknown section "todya"\. Did you mean "today"\?/);
  });

  it('an unknown community lists the communities of that report, with close matches', async () => {
    const text = errorText(await trends('week LocalLama'));
    expect(text).toMatch(/r\/LocalLama has no posts in the 2026-02-11 report\. Did you mean "LocalLLaMA" or "LocalLLM"\?/);
    expect(text).toMatch(/Communities in it: AI_Agents, datascience, LocalLLaMA, LocalLLM, MachineLearning, Rag, singularity\./);
  });

  it('two sections, two dates or two communities are refused', async () => {
    expect(errorText(await trends('week month'))).toMatch(/one section at most/);
    expect(errorText(await trends('2026-02-10 2026-02-11'))).toMatch(/one date at most/);
    expect(errorText(await trends('week Rag LocalLLaMA'))).toMatch(/one community at a time/);
  });

  it('named options (a platform pick list) are validated the same way', async () => {
    const reply = await runParsed(trendsCommand, { section: 'wek', date: '2026-02-11' }, h.context());
    expect(errorText(reply)).toMatch(/Unknown section "wek"\. Did you mean "week"\?/);
    const ok = await runParsed(trendsCommand, { section: 'week', subreddit: 'rag' }, h.context());
    expect(headings(ok)[0]).toBe('Reddit AI Trend Report - 2026-02-11 - r/Rag');
  });

  it('a failure building the report becomes an answer, not a crash', async () => {
    const context = h.context({ services: { store: h.store, reports: { get: () => Promise.reject(new Error('Reddit is down (503)')) } } });
    const text = errorText(await runCommand('trends', [], context));
    expect(text).toMatch(/\/trends could not finish: Reddit is down \(503\)\. Please try again/);
  });
});

describe('what the user typed, quoted back', () => {
  it('is cut to 40 characters and cannot ping', async () => {
    const { containsMention } = await import('../../src/text/mentions.js');
    const pinged = errorText(await trends('today @everyone'));
    expect(pinged).toMatch(/has no posts/);
    expect(containsMention(pinged)).toBe(false);
    const long = errorText(await trends(`today ${'x'.repeat(10_000)}`));
    expect(long.length).toBeLessThan(600);
    expect(long).toContain(`r/${'x'.repeat(37)}...`);
    const unknown = errorText(await runCommandLine(`/${'<@&123456789012345678>'.repeat(5)}`, h.context()));
    expect(containsMention(unknown)).toBe(false);
    expect(unknown.length).toBeLessThan(300);
  });
});

describe('a damaged stored report', () => {
  it('tells the user which report and the command an admin rebuilds it with', async () => {
    await trends('');
    const { default: sqlite3 } = await import('sqlite3');
    const db = new sqlite3.Database(h.storeUrl.replace('sqlite://', ''));
    await new Promise<void>((resolve, reject) => db.run(`UPDATE keyv SET value = '{"value":{"date":' WHERE key LIKE '%report:2026-02-11'`, (e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve) => db.close(() => resolve()));
    const text = errorText(await trends(''));
    expect(text).toBe('/trends could not finish: the stored report of 2026-02-11 is damaged; an admin can rebuild it with `ai-trends report --sample --refresh`.');
  });
});

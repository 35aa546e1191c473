import { describe, expect, it } from 'vitest';
import { offlineAnalysis } from '../../src/analysis/analyze.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import type { Report } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { morningReply, redditOrderNote, reportReply } from '../../src/reply/report.js';
import type { ReplyBlock } from '../../src/reply/reply.js';
import { loadSample } from '../../src/sample/sample.js';
import { feedsReport } from '../helpers/feeds-day.js';
import { makePost, NOW } from '../helpers/posts.js';

// The report's layout on each basis: Reddit-ordered lists say so (each list knows which of Reddit's
// lists it is), the numbers rules stay as they were, and the source line closes every reply once.

const postBlocks = (blocks: ReplyBlock[]) => blocks.filter((b): b is Extract<ReplyBlock, { type: 'posts' }> => b.type === 'posts');
const footer = (blocks: ReplyBlock[]) => blocks.filter((b) => b.type === 'paragraph' && b.spans[0]?.text.startsWith('Source: '));

describe('reportReply', () => {
  it('without numbers: every list is ranked by its Reddit list, and Today says why the comment rule is gone', () => {
    const report = feedsReport();
    const full = reportReply(report, { section: 'full' }).blocks;
    expect(postBlocks(full).map((b) => b.rankedBy)).toEqual(['day', 'week', 'month', ...report.sections.communities.map(() => 'day')]);
    expect(full).toContainEqual({ type: 'note', tone: 'info', text: redditOrderNote });
    expect(postBlocks(reportReply(report, { section: 'summary' }).blocks)[0]!.rankedBy).toBe('day');
  });

  it('with numbers: no list is ranked by Reddit, no note, as before', () => {
    const { now, posts } = loadSample();
    const full = reportReply(buildReport(posts, now, [], { mode: 'api', numbersMissing: false }), { section: 'full' }).blocks;
    expect(postBlocks(full).every((b) => b.rankedBy === undefined)).toBe(true);
    expect(full.some((b) => b.type === 'note' && b.text === redditOrderNote)).toBe(false);
  });

  it('an empty communities section states the rule of its basis', () => {
    const feeds = buildReport([makePost({ score: null, numComments: null })], NOW, [], { mode: 'feeds', numbersMissing: true });
    expect(reportReply(feeds, { section: 'communities' }).blocks).toContainEqual(expect.objectContaining({ text: "No community had a post in Reddit's top of the day in the past 24 hours." }));
    const api = buildReport([makePost({ numComments: 3 })], NOW, [], { mode: 'api', numbersMissing: false });
    expect(reportReply(api, { section: 'communities' }).blocks).toContainEqual(expect.objectContaining({ text: 'No community had a post with more than 10 comments in the past 24 hours.' }));
  });

  it('ends every section with the source line, and a morning post of several sections with it once', () => {
    const report = feedsReport();
    for (const section of ['summary', 'today', 'week', 'month', 'communities', 'analysis', 'full'] as const) {
      const blocks = reportReply(report, { section }).blocks;
      expect(footer(blocks)).toHaveLength(1);
      expect(blocks.at(-1)).toEqual(footer(blocks)[0]);
    }
    const morning = morningReply(report, ['summary', 'week', 'month']).blocks;
    expect(footer(morning)).toHaveLength(1);
    expect(morning.at(-1)).toEqual(footer(morning)[0]);
  });

  it('says what an offline analysis read: numbers, or places in Reddit’s lists', () => {
    const said = (report: Report) => {
      const analysis = offlineAnalysis({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' });
      return JSON.stringify(reportReply({ ...report, analysis }, { section: 'analysis' }).blocks);
    };
    expect(said(feedsReport())).toContain("their places in Reddit's top lists and comments");
    expect(said(buildReport(loadSample().posts, loadSample().now))).toContain('their numbers and comments');
  });
});

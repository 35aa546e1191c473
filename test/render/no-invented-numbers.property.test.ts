import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offlineAnalysis } from '../../src/analysis/analyze.js';
import { chartData } from '../../src/analysis/chart-data.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { analyzeOffline } from '../../src/analysis/offline/analyst.js';
import { userPrompt } from '../../src/analysis/prompt.js';
import { reportSources } from '../../src/followup/context.js';
import { offlineAnswer } from '../../src/followup/offline.js';
import { searchResult } from '../../src/followup/sources.js';
import type { Report } from '../../src/models.js';
import { renderChartText } from '../../src/render/chart-text.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderJsonReport } from '../../src/render/json.js';
import { renderMarkdownReply, renderMarkdownReport } from '../../src/render/markdown.js';
import { renderSlack } from '../../src/render/slack.js';
import { renderTextReply } from '../../src/render/text.js';
import { buildReport } from '../../src/report/build.js';
import { morningReply, reportReply } from '../../src/reply/report.js';
import type { Reply } from '../../src/reply/reply.js';
import { feedDetails, feedPosts, inventedFigure, question, sourceWithoutNumbers } from '../helpers/arbitrary-feeds.js';
import { NOW } from '../helpers/posts.js';

// Any day from the public feeds (random titles with digits and count words, random places in Reddit's
// lists, no numbers, any source), through every output a reader or a model sees: no points or comments
// figure anywhere, no ▲/💬 count, and JSON with null where the numbers would be. A `?? 0` put back in a
// renderer shows up here as "▲0" or "0 points".

/** Everything a reply shows, on every target. */
function everyRendering(reply: Reply): string[] {
  return [renderMarkdownReply(reply), ...renderDiscord(reply).map((m) => m.content), JSON.stringify(renderSlack(reply)), renderTextReply(reply)];
}


/** No figure; and in text a reader sees (not JSON), no "null", "NaN" or "undefined" standing for one. */
function assertNoFigure(text: string, where: string, { json = false } = {}): void {
  const found = inventedFigure.exec(text);
  expect(found, `${where}: "${found?.[0]}" in …${text.slice(Math.max(0, (found?.index ?? 0) - 80), (found?.index ?? 0) + 40)}…`).toBeNull();
  if (!json) expect(text, where).not.toMatch(/\bnull\b|\bNaN\b|\bundefined\b|\bunknown (points|comments)\b/);
}

const day = feedPosts.chain((posts) => fc.record({ posts: fc.constant(posts), details: feedDetails(posts), source: sourceWithoutNumbers, question }));

describe('a day without numbers, any day', () => {
  it('no renderer, no offline analysis and no offline answer shows a points or comments figure; JSON has null there', () => {
    fc.assert(
      fc.property(day, ({ posts, details, source, question: asked }) => {
        const built = buildReport(posts, NOW, [], source);
        const input = { report: built, details, comparison: compareWithHistory(built, []), language: 'en' };
        const report: Report = { ...built, analysis: offlineAnalysis(input) };
        // The offline analyst's own sentences, before the grounding net (which would drop a figure's sentence).
        assertNoFigure(JSON.stringify(analyzeOffline(input)), 'offline analyst', { json: true });

        assertNoFigure(renderMarkdownReport(report), 'Markdown');
        for (const section of ['full', 'summary', 'communities'] as const) {
          for (const text of everyRendering(reportReply(report, { section }))) assertNoFigure(text, `${section} reply`);
        }
        for (const text of everyRendering(morningReply(report, ['summary', 'week']))) assertNoFigure(text, 'morning post');

        const chart = chartData(report, []);
        if (chart) {
          expect(chart.unit).toBe('posts');
          assertNoFigure(renderChartText(chart), 'chart text');
          assertNoFigure(chart.altText, 'chart alt text');
        }

        const json = JSON.parse(renderJsonReport(report, chart));
        const listed = [...json.sections.today, ...json.sections.week, ...json.sections.month, ...json.sections.communities.flatMap((c: { posts: unknown[] }) => c.posts)];
        for (const post of listed) expect(post).toMatchObject({ score: null, numComments: null });
        for (const citation of Object.values(json.analysis.citations) as Array<{ score: unknown; numComments: unknown }>) expect(citation).toMatchObject({ score: null, numComments: null });
        expect(json.source).toMatchObject({ mode: source.mode, numbersMissing: true });

        const sources = reportSources(report).map((s) => ({ ...s, details: details[s.post.id] }));
        const answer = offlineAnswer(asked, { report, sources, focus: [], past: null }, 'no-claude');
        for (const text of everyRendering(answer.reply)) assertNoFigure(text, `offline answer to "${asked}"`);
        assertNoFigure(answer.plainText, 'offline answer, plain');

        // What a model reads: no score fields, no "N points" in a search result.
        expect(userPrompt(input)).not.toMatch(/"(score|comments)":/);
        for (const source of sources) for (const block of searchResult(source).content) assertNoFigure(block.text, 'follow-up search result');
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('a question about counts is answered "not available from Reddit’s public feeds"', () => {
    fc.assert(
      fc.property(feedPosts, (posts) => {
        const report = buildReport(posts, NOW, [], { mode: 'feeds', numbersMissing: true });
        const answer = offlineAnswer('How many upvotes does it have?', { report, sources: reportSources(report), focus: [], past: null }, 'no-claude');
        expect(answer.plainText).toMatch(/not available from Reddit's public feeds/);
      }),
      { numRuns: 30 },
    );
  });
});

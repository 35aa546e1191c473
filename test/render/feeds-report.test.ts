import { describe, expect, it } from 'vitest';
import { offlineAnalysis } from '../../src/analysis/analyze.js';
import { chartData } from '../../src/analysis/chart-data.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import type { Report } from '../../src/models.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderJsonReport } from '../../src/render/json.js';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import { renderSlack } from '../../src/render/slack.js';
import { renderTextReply } from '../../src/render/text.js';
import { morningReply, reportReply } from '../../src/reply/report.js';
import { feedsReport } from '../helpers/feeds-day.js';
import { countDividers, tables } from '../helpers/markdown.js';

// Golden files of the sample day as the public feeds give it (test/helpers/feeds-day.ts: no points, no
// comment counts, no flair; places in Reddit's top lists), with the offline analysis, in every renderer.
// After a deliberate change run `npx vitest run test/render/feeds-report.test.ts -u` and read the diff.

const base = feedsReport();
const report: Report = { ...base, analysis: offlineAnalysis({ report: base, details: {}, comparison: compareWithHistory(base, []), language: 'en' }) };
const chart = chartData(base, []);
/** A morning post of the summary and the week, as a channel subscribed to them gets it. */
const morning = morningReply(report, ['summary', 'week']);

const markdown = renderMarkdownReport(report);
const discord = renderDiscord(morning).map((m) => m.content).join('\n\n--- next message ---\n\n');
const slack = JSON.stringify(renderSlack(morning), null, 2) + '\n';
const terminal = renderTextReply(reportReply(report, { section: 'full' }));
const json = renderJsonReport(base, chart);

/** A number followed by what the feeds never give: "12 points", "3 upvotes", "40 comments", "▲12", "💬4". */
const invented = /\d[\d,.]*\s*(?:points?|upvotes?|votes?|comments?)\b|[▲💬]\s*\d/i;

describe('the sample day from the public feeds', () => {
  it('Markdown matches its golden file', async () => {
    await expect(markdown).toMatchFileSnapshot('./golden/feeds-report.expected.md');
  });
  it('Discord matches its golden file', async () => {
    await expect(discord).toMatchFileSnapshot('./golden/feeds-report.discord.expected.txt');
  });
  it('Slack matches its golden file', async () => {
    await expect(slack).toMatchFileSnapshot('./golden/feeds-report.slack.expected.json');
  });
  it('the terminal matches its golden file', async () => {
    await expect(terminal).toMatchFileSnapshot('./golden/feeds-report.expected.txt');
  });
  it('JSON matches its golden file', async () => {
    await expect(json).toMatchFileSnapshot('./golden/feeds-report.expected.json');
  });

  // Independent checks, so a wrong golden file cannot be blessed by accident.
  it('shows no number the feeds did not give, anywhere', () => {
    for (const output of [markdown, discord, slack, terminal]) {
      expect(output).not.toMatch(invented);
      expect(output).not.toMatch(/\bnull\b|\bNaN\b|\bundefined\b/);
    }
  });

  it('ranks by Reddit’s order: a Rank column instead of Score and Comments, tables never half empty', () => {
    const all = tables(markdown);
    expect(all.length).toBeGreaterThan(3);
    for (const table of all) {
      expect(table[0]).toMatch(/\| Rank \|/);
      expect(table[0]).not.toMatch(/Score|Comments|Category/);
      for (const line of table) expect(countDividers(line), line).toBe(countDividers(table[0]!));
      for (const line of table.slice(2)) expect(line).toMatch(/\| #\d+ (today|this week|this month) \|/);
    }
    expect(discord).toContain("· #1 in Reddit's top today");
    expect(terminal).toContain("#1 in Reddit's top today");
  });

  it('ends with the source line in every renderer; JSON carries the source and null numbers', () => {
    const line = "Source: Reddit public feeds · 5 requests · 4 min 12 s · no points or comment counts: posts ranked in Reddit's own top order";
    expect(markdown.trimEnd().endsWith(`*${line}*`)).toBe(true);
    expect(discord.trimEnd().endsWith(`*${line}*`)).toBe(true);
    expect(terminal.trimEnd().replace(/\s+/g, ' ').endsWith(line)).toBe(true);
    const lastSlack = renderSlack(morning).at(-1)!.blocks.at(-1)!;
    expect(lastSlack).toEqual({ type: 'section', text: { type: 'mrkdwn', text: `_${line}_` } });
    const parsed = JSON.parse(json);
    expect(parsed.source).toEqual({ mode: 'feeds', requests: 5, elapsedMs: 252_000, numbersMissing: true });
    expect(parsed.sections.today[0]).toMatchObject({ score: null, numComments: null, flair: null, topRank: { day: 1 } });
    expect(parsed.chart.unit).toBe('posts');
  });
});

import { describeView, reportKey } from '../report/view.js';
import type { ChartData } from '../analysis/chart-data.js';
import type { Post, Report } from '../models.js';
import { heading, note, paragraph, postList, type Reply, type ReplyBlock } from './reply.js';
import { dayPick, pickPlaces, PICK_SIZE } from '../report/pick.js';
import { reportBasis, type TopList } from '../report/rank-basis.js';
import type { ReportSection } from '../store/records.js';
import { analysisBlocks, briefHighlightBlocks, noAnalysisText } from './analysis.js';
import { coverageBlock, quietLine } from './coverage.js';
import { sourceLine } from './source-line.js';

// One stored report as a Reply, section by section. The `/trends` command and the morning post both use
// it, so a channel sees the same thing whichever way it asked.

export const reportSections = ['summary', 'today', 'week', 'month', 'communities', 'analysis', 'full'] as const satisfies readonly ReportSection[];

// If records.ts gains a section, this fails to compile until the list above has it too.
type MissingSection = Exclude<ReportSection, (typeof reportSections)[number]>;
const allSectionsListed: MissingSection extends never ? true : false = true;
void allSectionsListed;

export const sectionDescriptions: Record<ReportSection, string> = {
  summary: "today's top 5 and the analysis highlights",
  today: "today's trending posts",
  week: 'the most popular posts of the past 7 days',
  month: 'the most popular posts of the past 30 days',
  communities: 'the top posts of each community in the past 24 hours',
  analysis: 'the trend analysis',
  full: 'the whole report',
};

export const SUMMARY_POSTS = PICK_SIZE;
export const SUMMARY_HIGHLIGHTS = 5;

export interface ReportReplyOptions {
  section: ReportSection;
  /** Narrow the post lists to this community (canonical spelling, as in the report). */
  subreddit?: string;
  /** The week's chart (chartData), shown with the reply. */
  chart?: ChartData | null;
  /**
   * Whether the reader can ask follow-up questions in the reply's thread (the default). The terminal has no
   * thread (its prompt says how to ask) and a piped `npm start` no prompt: there the summary does not say so.
   */
  threads?: boolean;
  /** PUBLIC_URL: the reply ends with a link to the day's page there (src/web/). */
  publicUrl?: string;
}

/** `highlights`: at most this many in the summary (SUMMARY_HIGHLIGHTS, fewer in a shorter version). */
type SectionOptions = ReportReplyOptions & { highlights?: number };

export function reportTitle(report: Report, subreddit?: string): string {
  return `Reddit AI Trend Report - ${report.date}${subreddit ? ` - r/${subreddit}` : ''}`;
}

/** Every community with a post anywhere in the report, in alphabetical order. */
export function reportCommunities(report: Report): string[] {
  const { today, week, month, communities } = report.sections;
  const names = new Set([...today, ...week, ...month].map((p) => p.subreddit));
  for (const c of communities) names.add(c.subreddit);
  return [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

export function reportReply(report: Report, options: ReportReplyOptions): Reply {
  return withShorter((highlights) => {
    const reply = sectionsReply(report, { ...options, highlights });
    return { ...reply, blocks: [...reply.blocks, sourceFooter(report), ...webLink(report, options.publicUrl)] };
  }, options.section === 'summary');
}

/**
 * `build(SUMMARY_HIGHLIGHTS)`; for the summary alone, with the chain of the same reply with one highlight
 * fewer each (down to none: "/trends analysis" then has them), for platforms where it must fit one message.
 * A morning post of several sections is long by choice: it continues in its thread, as any long reply.
 */
function withShorter(build: (highlights: number) => Reply, summary: boolean): Reply {
  let reply = build(0);
  if (!summary) return build(SUMMARY_HIGHLIGHTS);
  for (let highlights = 1; highlights <= SUMMARY_HIGHLIGHTS; highlights++) reply = { ...build(highlights), shorter: reply };
  return reply;
}

/** The day's page on the web (PUBLIC_URL), for a chat post that stays short: its last line. */
export function reportPageUrl(publicUrl: string, date: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/reports/${date}`;
}

function webLink(report: Report, publicUrl?: string): ReplyBlock[] {
  if (!publicUrl) return [];
  const url = reportPageUrl(publicUrl, report.date);
  // The label is the address without its scheme: chat renderers keep a whole URL in a label inert.
  return [paragraph('Full report and archive: ', { text: url.replace(/^https?:\/\//, ''), url })];
}

/** The report's source in one line, under everything else (src/reply/source-line.ts). */
function sourceFooter(report: Report): ReplyBlock {
  return paragraph({ text: sourceLine(report), emphasis: true });
}

/**
 * Said once under the summary's top list: it is a pick across communities, not the raw ranking, and where
 * the raw ranking is.
 */
export function pickNote(report: Report): string {
  const byReddit = reportBasis(report) === 'reddit-order';
  const weighed = byReddit ? "by its place in its own community's top list" : "against its own community's usual top posts";
  return `Picked across communities: each post weighed ${weighed}, at most two from one community, jokes and image-only posts last. /trends today has ${byReddit ? "Reddit's own order" : 'the ranking by points'}.`;
}

/** Said under Today's heading when the report has no numbers: why the list is Reddit's and not ours. */
export const redditOrderNote =
  "Reddit's own top posts of the day, in its order: the public feeds give no points or comment counts, so the API mode's rule of more than ten comments cannot apply.";

function sectionsReply(report: Report, { section, subreddit, chart, threads = true, highlights = SUMMARY_HIGHLIGHTS }: SectionOptions): Reply {
  const only = (posts: Post[]) => (subreddit ? posts.filter((p) => p.subreddit.toLowerCase() === subreddit.toLowerCase()) : posts);
  const empty = note(subreddit ? `No posts from r/${subreddit} in this window.` : 'No posts in this window.');
  // Without numbers each list is Reddit's top list of its period, and each post shows its place there.
  const byReddit = reportBasis(report) === 'reddit-order';
  const rankedBy = (list: TopList) => (byReddit ? { rankedBy: list } : {});
  // Ranked lists (week, month) are numbered; today's and each community's are the day's posts by score.
  const list = (title: string, posts: Post[], numbered: boolean, period: TopList): ReplyBlock[] => [heading(title, 2), posts.length > 0 ? postList(posts, { numbered, ...rankedBy(period) }) : empty];

  const today = () => [...list("Today's Trending Posts", only(report.sections.today), false, 'day'), ...(byReddit ? [note(redditOrderNote)] : [])];
  const week = () => list('Weekly Popular Posts', only(report.sections.week), true, 'week');
  const month = () => list('Monthly Popular Posts', only(report.sections.month), true, 'month');
  const communities = (): ReplyBlock[] => {
    const shown = report.sections.communities.filter((c) => !subreddit || c.subreddit.toLowerCase() === subreddit.toLowerCase());
    const blocks: ReplyBlock[] = [heading('Top Posts by Community (Past 24 Hours)', 2)];
    if (shown.length === 0) {
      const rule = byReddit ? "post in Reddit's top of the day" : 'post with more than 10 comments';
      blocks.push(note(subreddit ? `r/${subreddit} had no ${rule} in the past 24 hours.` : `No community had a ${rule} in the past 24 hours.`));
    }
    for (const c of shown) blocks.push(heading(`r/${c.subreddit}`, 3), postList(c.posts, { showCommunity: false, numbered: false, ...rankedBy('day') }));
    // The configured communities with nothing today, named: a reader following one learns it was quiet.
    const quiet = subreddit || shown.length === 0 ? undefined : quietLine(report);
    if (quiet) blocks.push(note(quiet));
    return blocks;
  };
  const analysis = () => analysisBlocks(report.analysis, { subreddit, numbersMissing: byReddit });
  const warnings = () => report.warnings.map((w) => note(w, 'warning'));
  const notes = (): ReplyBlock[] => (report.warnings.length > 0 ? [heading('Notes', 2), ...warnings()] : []);

  const blocks: ReplyBlock[] = [heading(reportTitle(report, subreddit), 1)];
  switch (section) {
    case 'summary': {
      // What people read first is the day's pick (src/report/pick.ts), not the raw ranking of Today.
      const top = only(dayPick(report)).slice(0, SUMMARY_POSTS);
      blocks.push(heading(`Today's top ${SUMMARY_POSTS}`, 2), top.length > 0 ? postList(top, rankedBy('day')) : empty);
      if (top.length > 1) blocks.push(note(pickNote(report)));
      const shown = new Set(top.map((p) => p.subreddit));
      if (report.analysis) {
        // The highlights tell what the top list above does not: stories resting only on its posts are left out.
        const brief = briefHighlightBlocks(report.analysis.sections.highlights, report.analysis.citations, highlights, top.map((p) => p.id), pickPlaces(report));
        const more = brief.total - brief.shown;
        if (brief.shown > 0) blocks.push(heading('Highlights', 2), ...brief.blocks);
        else if (brief.total === 0) blocks.push(heading('Highlights', 2), note('Every highlight of the day is about the top posts above: /trends analysis has the details.'));
        if (more > 0) blocks.push(note(`${brief.shown > 0 ? `${more} more` : more} ${more === 1 ? 'highlight' : 'highlights'}: /trends analysis.`));
        for (const id of brief.cited) {
          const community = report.analysis.citations[id]?.subreddit;
          if (community) shown.add(community);
        }
      } else {
        blocks.push(note(noAnalysisText));
      }
      const coverage = subreddit ? undefined : coverageBlock(report, shown);
      if (coverage) blocks.push(coverage);
      blocks.push(...warnings(), paragraph(`More: /trends today, week, month, communities, analysis or full.${threads ? ' Ask a question in the thread to dig in.' : ''}`));
      break;
    }
    case 'today':
      blocks.push(...today());
      break;
    case 'week':
      blocks.push(...week());
      break;
    case 'month':
      blocks.push(...month());
      break;
    case 'communities':
      blocks.push(...communities());
      break;
    case 'analysis':
      blocks.push(...analysis());
      break;
    case 'full':
      // The whole report: what the Markdown file and `/trends full` show, in the reference's order.
      blocks.push(...today(), ...week(), ...month(), ...communities(), ...(report.analysis ? analysis() : []), ...notes());
      break;
  }
  return { blocks, openThread: { reportDate: reportKey(report), title: reportTitle(report, subreddit) }, ...(chart ? { chart } : {}) };
}

/**
 * Under a view's title (README "Per-channel settings"): what the channel chose, and, once, that the automatic
 * summary is in English when the view asked for another language and no model wrote it.
 */
function viewNote(report: Report): ReplyBlock[] {
  if (!report.view?.key) return [];
  const english = report.view.language && !/^en\b/i.test(report.view.language) && report.analysis?.source === 'offline' ? ' (the automatic summary is in English)' : '';
  return [note(`This channel's view: ${describeView(report.view)}${english}.`)];
}

/**
 * A channel's morning post: the report's title once, then each section it subscribed to, in its order
 * ("full" already holds every other section). The thread it opens is the report's; the week's chart,
 * when there is one, goes with it.
 */
export function morningReply(report: Report, sections: readonly ReportSection[], chart?: ChartData | null, publicUrl?: string): Reply {
  const wanted: readonly ReportSection[] = sections.includes('full') ? ['full'] : sections.length > 0 ? sections : ['summary'];
  return withShorter((highlights) => {
    const replies = wanted.map((section) => sectionsReply(report, { section, highlights }));
    // Each section's Reply starts with the report's title: keep the first one only; the source line once, at the end.
    return {
      blocks: [replies[0]!.blocks[0]!, ...viewNote(report), ...replies.flatMap((reply) => reply.blocks.slice(1)), sourceFooter(report), ...webLink(report, publicUrl)],
      openThread: replies[0]!.openThread,
      ...(chart ? { chart } : {}),
    };
  }, wanted.length === 1 && wanted[0] === 'summary');
}

import { loadWeekChart } from '../src/analysis/week-chart.js';
import { withoutChart } from '../src/chat/deliver.js';
import type { Report } from '../src/models.js';
import type { Reply } from '../src/reply/reply.js';
import { reportCommunities, reportReply, reportSections } from '../src/reply/report.js';
import { utcDate } from '../src/report/windows.js';
import type { ReportSection } from '../src/store/records.js';
import { closeMatches, didYouMean } from '../src/text/suggest.js';
import { checkDay, daysBefore } from '../src/time/day.js';
import { errorReply, fail, type Command, type CommandContext, type ParseResult } from './command.js';
import { quoteInput } from '../src/text/quote.js';
import { todaysReport } from './report-wait.js';

// `/trends [section] [date] [subreddit]`: a stored report, or a part of it. Today's report is built on
// demand; a past day is only ever read from the store, never rebuilt from today's posts.

export type TrendsOptions = { section?: string; date?: string; subreddit?: string };

/** How far back a "no report for that day" answer looks for days that do have one. */
const STORED_LOOKBACK_DAYS = 14;

// Digits with separators: meant as a date even when malformed (2026/02/10, 2026-2-3), so the user hears
// "not a date" rather than "no such community".
const dateShaped = /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/;

function isSection(word: string): boolean {
  return (reportSections as readonly string[]).includes(word.toLowerCase());
}

function parseTrends(tokens: string[]): ParseResult<TrendsOptions> {
  const options: TrendsOptions = {};
  const words: string[] = [];
  for (const token of tokens) {
    if (dateShaped.test(token)) {
      if (options.date) return fail(`Give one date at most (got ${quoteInput(options.date)} and ${quoteInput(token)}).`);
      options.date = token;
    } else if (isSection(token)) {
      if (options.section) return fail(`Give one section at most (got ${quoteInput(options.section)} and ${quoteInput(token)}).`);
      options.section = token.toLowerCase();
    } else {
      words.push(token.replace(/^\/?r\//i, ''));
    }
  }
  if (words.length === 1) options.subreddit = words[0];
  if (words.length > 1) {
    // Two free words: one is most likely a mistyped section ("weak LocalLLaMA").
    const typo = options.section ? undefined : words.find((w) => closeMatches(w, reportSections).length > 0);
    if (typo) return fail(unknownSection(typo));
    return fail(`Give one community at a time (got ${quoteInput(words.join(', '))}).`);
  }
  return { ok: true, options };
}

function unknownSection(value: string): string {
  return `Unknown section "${quoteInput(value)}".${didYouMean(closeMatches(value, reportSections))} Sections: ${reportSections.join(', ')}.`;
}

/** The days with a stored report, newest first, from `today` back `STORED_LOOKBACK_DAYS` days. */
export async function storedDaysBefore(today: string, context: Pick<CommandContext, 'services'>): Promise<string[]> {
  const days: string[] = [];
  for (let back = 0; back <= STORED_LOOKBACK_DAYS; back++) {
    const day = daysBefore(today, back);
    if (await context.services.store.reports.get(day)) days.push(day);
  }
  return days;
}

async function missingDay(day: string, today: string, context: CommandContext): Promise<Reply> {
  const stored = (await storedDaysBefore(today, context)).filter((d) => d !== today);
  const choices =
    stored.length > 0
      ? ` Stored reports from the past ${STORED_LOOKBACK_DAYS} days: ${stored.join(', ')} (e.g. /trends ${stored[0]}).`
      : ` No earlier report is stored from the past ${STORED_LOOKBACK_DAYS} days.`;
  return errorReply(
    `No report is stored for ${day}. Reports are built once a day from that day's posts and kept, so a past day cannot be rebuilt later.${choices} /trends with no date shows today's report (${today}).`,
  );
}

function unknownCommunity(value: string, report: Report, sectionGiven: boolean): Reply {
  const communities = reportCommunities(report);
  const sectionHints = sectionGiven ? [] : closeMatches(value, reportSections);
  if (sectionHints.length > 0) {
    return errorReply(
      `"${quoteInput(value)}" is neither a section nor a community in the ${report.date} report.${didYouMean(sectionHints)} Sections: ${reportSections.join(', ')}. Communities: ${communities.join(', ')}.`,
    );
  }
  return errorReply(`r/${quoteInput(value)} has no posts in the ${report.date} report.${didYouMean(closeMatches(value, communities))} Communities in it: ${communities.join(', ')}.`);
}

async function runTrends(options: TrendsOptions, context: CommandContext): Promise<Reply> {
  const section = (options.section ?? 'summary').toLowerCase();
  if (!isSection(section)) return errorReply(unknownSection(options.section ?? ''));

  const today = utcDate(context.now);
  let report: Report;
  if (options.date === undefined || options.date === today) {
    report = await todaysReport(context);
  } else {
    const day = checkDay(options.date);
    if (!day.ok && day.reason === 'format') return errorReply(`"${quoteInput(options.date)}" is not a date: write it as YYYY-MM-DD, e.g. ${today}.`);
    if (!day.ok) return errorReply(`${quoteInput(options.date)} is not a day in the calendar.`);
    if (day.day > today) return errorReply(`${day.day} has not happened yet: the latest report is today's (${today}).`);
    const stored = await context.services.store.reports.get(day.day);
    if (!stored) return missingDay(day.day, today, context);
    report = stored;
  }

  let subreddit: string | undefined;
  if (options.subreddit !== undefined) {
    const typed = options.subreddit.replace(/^\/?r\//i, '');
    subreddit = reportCommunities(report).find((c) => c.toLowerCase() === typed.toLowerCase());
    if (!subreddit) return unknownCommunity(typed, report, options.section !== undefined);
  }
  // The terminal has no thread under a post: its prompt says how to ask (and a pipe cannot ask at all).
  const threads = context.target.platform !== 'console';
  const publicUrl = context.services.publicUrl;
  if (section !== 'week' || subreddit) return reportReply(report, { section: section as ReportSection, subreddit, threads, publicUrl });
  // The week's list comes with its chart (topic momentum); a chart that cannot be read costs only the chart.
  try {
    return reportReply(report, { section: 'week', chart: await loadWeekChart(context.services.store, report), threads, publicUrl });
  } catch {
    return withoutChart(reportReply(report, { section: 'week', threads, publicUrl }));
  }
}

export const trendsCommand: Command<TrendsOptions> = {
  name: 'trends',
  description: 'Show the Reddit AI Trend Report, or one section of it',
  usage: '/trends [section] [YYYY-MM-DD] [community]',
  adminOnly: false,
  answer: { private: false, slow: true },
  options: [
    {
      name: 'section',
      // Short: Discord allows 100 characters per description. `/help` explains each section.
      description: 'What to show (default: summary)',
      choices: reportSections,
      example: 'week',
    },
    { name: 'date', description: "The day of a stored report, YYYY-MM-DD (default today's)", suggest: 'reportDates', example: '2026-02-10' },
    { name: 'subreddit', description: 'Only the posts of this community', suggest: 'communities', example: 'LocalLLaMA' },
  ],
  parse: parseTrends,
  run: runTrends,
};

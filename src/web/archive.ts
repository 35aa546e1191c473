import { reportPosts } from '../analysis/report-posts.js';
import { loadWeekChart } from '../analysis/week-chart.js';
import type { ChartData } from '../analysis/chart-data.js';
import type { Report } from '../models.js';
import type { Store } from '../store/store.js';
import { daysBefore } from '../time/day.js';
import { dayDocuments, SearchIndex, type DayDocuments, type SearchResults } from './search.js';

// The stored days as the web pages see them. The store keeps reports by date and cannot list its keys on
// every backend, so the days are found the way loadHistory finds them: by asking for each date of a window
// (ARCHIVE_DAYS back from today, in pages of one round trip each). A past day's report does not change,
// so what the archive and the search need of it (its headline and its search documents, not the whole
// report) is kept in memory for a while; today's is read again on every request.

/** How far back the archive looks: a year and a month. */
export const ARCHIVE_DAYS = 400;
/** How long what was learnt about a past day is kept (a report built later for a past day shows up after it). */
const PAST_DAY_TTL_MS = 10 * 60_000;
const PAGE = 50;

export interface DayEntry {
  date: string;
  title: string;
  /** The day's first post, for the archive's list. */
  headline?: string;
  posts: number;
  generatedAt: string;
  docs: DayDocuments;
}

export class ReportArchive {
  private readonly past = new Map<string, { entry: DayEntry | null; at: number }>();
  private index?: { key: string; index: SearchIndex };

  constructor(
    private readonly store: Store,
    /** Today's UTC date (the sample's own day when it serves the sample). */
    private readonly today: () => string,
    private readonly options: { days?: number; clock?: () => number } = {},
  ) {}

  todayDate(): string {
    return this.today();
  }

  /** The stored report of `date` (undefined: none, or a day after today). */
  async report(date: string): Promise<Report | undefined> {
    if (date > this.today()) return undefined;
    return this.store.reports.get(date);
  }

  async chart(report: Report): Promise<ChartData | null> {
    return loadWeekChart(this.store, report);
  }

  /** Every stored day of the window, newest first. */
  async days(): Promise<DayEntry[]> {
    const today = this.today();
    const span = this.options.days ?? ARCHIVE_DAYS;
    const now = (this.options.clock ?? Date.now)();
    const dates = Array.from({ length: span }, (_, i) => daysBefore(today, i));
    const unknown = dates.filter((date) => {
      if (date === today) return true;
      const known = this.past.get(date);
      return !known || now - known.at > PAST_DAY_TTL_MS;
    });
    for (let i = 0; i < unknown.length; i += PAGE) {
      const page = unknown.slice(i, i + PAGE);
      const reports = await this.store.reports.getMany(page);
      page.forEach((date, j) => {
        const report = reports[j];
        this.past.set(date, { entry: report ? dayEntry(report) : null, at: now });
      });
    }
    return dates.map((date) => this.past.get(date)?.entry).filter((entry): entry is DayEntry => Boolean(entry));
  }

  /** The stored days' posts and analysis, ranked for `query` (search.ts). */
  async search(query: string, limit = 50): Promise<SearchResults> {
    const days = await this.days();
    const key = days.map((d) => `${d.date}@${d.generatedAt}`).join(',');
    if (this.index?.key !== key) this.index = { key, index: new SearchIndex(days.map((d) => d.docs)) };
    return this.index.index.search(query, limit);
  }
}

function dayEntry(report: Report): DayEntry {
  const { today, week } = report.sections;
  const headline = today[0]?.title ?? week[0]?.title;
  return {
    date: report.date,
    title: `Reddit AI Trend Report - ${report.date}`,
    ...(headline ? { headline } : {}),
    posts: reportPosts(report).length,
    generatedAt: report.generatedAt,
    docs: dayDocuments(report),
  };
}

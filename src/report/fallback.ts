import type { Report } from '../models.js';
import { loadSample, type SampleSnapshot } from '../sample/sample.js';
import type { Store } from '../store/store.js';
import { redactUrl } from '../text/redact.js';
import { daysBefore } from '../time/day.js';
import { buildReport } from './build.js';
import type { SampleAnalysisRetry } from './sample-retry.js';
import { utcDate } from './windows.js';
import type { ReportStep } from './step.js';

// The bottom rungs of the source ladder, for a day whose posts could not be collected (every live rung
// failed): the newest stored live report at most REPORT_MAX_STALE_DAYS old, marked stale with its own date;
// else the bundled sample day, marked. Either says why today's failed, so no channel ever reads an old or
// sample day as today's news.
//
// How long a fallback is kept: it is stored beside the day (never as the day's report) until `retryAt`,
// FALLBACK_RETRY_MS later. Until then every reader (a /trends, the morning post, another process) gets it
// at once instead of each one waiting on a live source that just failed; after it, the next reader asks
// Reddit again. Thirty minutes: a blocked network or a dead key is not hammered (at most two attempts an
// hour, each a handful of requests that the feeds' pacing spaces anyway), and a morning post prepared
// REPORT_PREPARE_MINUTES (30) early whose build failed is tried live once more when the post is due.

/** How long a fallback is served before the live source is tried again. */
export const FALLBACK_RETRY_MS = 30 * 60_000;
/** Fallback records outlive their day a little, then the store drops them (they are never read after it). */
const FALLBACK_KEEP_MS = 2 * 86_400_000;

export interface FallbackSettings {
  /** REPORT_MAX_STALE_DAYS: 0 skips the stale rung. */
  maxStaleDays: number;
  retryMs?: number;
  /** The bundled sample (loadSample). */
  sample?: () => SampleSnapshot;
  /** What the sample's report gets before it is stored: the analysis, without Reddit (it just failed). */
  sampleSteps?: ReportStep[];
  /** Told once per fallback served fresh: the one line for the operator (log) or the person at the terminal. */
  onFallback?: (fallback: { mode: 'stale' | 'sample'; line: string }) => void;
  /** The stored sample report analysed offline while a model is configured: built again once (sample-retry.ts). */
  sampleRetry?: SampleAnalysisRetry;
}

export interface ServedFallback {
  report: Report;
  /** When Reddit is asked again (absent: the day's own report, kept after a failed rebuild). */
  retryAt?: string;
}

export class ReportFallbacks {
  constructor(
    private readonly store: Store,
    private readonly settings: FallbackSettings,
  ) {}

  /** The fallback still served for `date` at `now`, if one is (before its retry time). */
  async current(date: string, now: Date): Promise<ServedFallback | undefined> {
    const kept = await this.store.fallbacks.get(date);
    return kept && now.getTime() < Date.parse(kept.retryAt) ? { report: kept.report, retryAt: kept.retryAt } : undefined;
  }

  /** The stand-in for today's report after `error` (every live rung failed), kept until Reddit is asked again. */
  async serve(now: Date, error: unknown): Promise<ServedFallback> {
    const date = utcDate(now);
    const why = redactUrls(error instanceof Error ? error.message : String(error));
    // A rebuild (--refresh) that failed: the day's own report stays what it was, and is served.
    const built = await this.store.reports.get(date);
    if (built && isLive(built)) return { report: { ...built, warnings: [`The ${date} report could not be built again (${why}): this is the one built at ${built.generatedAt}`, ...built.warnings] } };
    const retryAt = new Date(now.getTime() + (this.settings.retryMs ?? FALLBACK_RETRY_MS)).toISOString();
    const stale = await newestLiveReport(this.store, date, this.settings.maxStaleDays);
    const report = stale ? markStale(stale, date, why, retryAt) : await this.sampleReport(why);
    await this.store.fallbacks.set(date, { report, reason: why, retryAt }, FALLBACK_KEEP_MS);
    this.settings.onFallback?.({ mode: stale ? 'stale' : 'sample', line: report.warnings[0]! });
    return { report, retryAt };
  }

  /**
   * The sample day's report, marked: built and analysed once, then kept under the sample's own date (its
   * follow-up threads read it there), unless the store holds a live report of that date.
   */
  private async sampleReport(why: string): Promise<Report> {
    const sample = (this.settings.sample ?? loadSample)();
    const date = utcDate(sample.now);
    let stored = await this.store.reports.get(date);
    if (!stored || this.settings.sampleRetry?.rebuild(stored)) {
      let built: Report = { ...buildReport(sample.posts, sample.now, [sampleNote(date)]), source: { mode: 'sample', numbersMissing: false } };
      for (const step of this.settings.sampleSteps ?? []) built = await step(built, sample.now);
      await this.store.snapshots.set(date, { date, takenAt: sample.now.toISOString(), posts: sample.posts });
      await this.store.reports.set(date, built);
      stored = built;
    }
    const report: Report = stored.source?.mode === 'sample' ? stored : { ...buildReport(sample.posts, sample.now, [sampleNote(date)]), source: { mode: 'sample', numbersMissing: false } };
    return { ...report, warnings: [sampleWarning(why, date), ...report.warnings.filter((w) => w !== sampleNote(date))] };
  }
}

/**
 * The newest stored report collected live (API or feeds) of the `maxStaleDays` days before `date`: never a
 * stale or sample stand-in (those are not a day's news). Reports stored before sources had a ladder read as API.
 */
export async function newestLiveReport(store: Store, date: string, maxStaleDays: number): Promise<Report | undefined> {
  for (let back = 1; back <= maxStaleDays; back++) {
    const report = await store.reports.get(daysBefore(date, back));
    if (report && isLive(report)) return report;
  }
  return undefined;
}

export function isLive(report: Report): boolean {
  const mode = report.source?.mode ?? 'api';
  return mode === 'api' || mode === 'feeds';
}

/** `report` (of an earlier day) standing in for `today`'s: its own date and posts, marked stale, saying why. */
function markStale(report: Report, today: string, why: string, retryAt: string): Report {
  const from = { date: report.date, mode: report.source?.mode === 'feeds' ? ('feeds' as const) : ('api' as const) };
  const warning = `Today's (${today}) posts could not be collected: ${why}. These are the posts of ${report.date}, the newest day stored, not today's; Reddit is asked again after ${retryAt.slice(11, 16)} UTC`;
  return {
    ...report,
    source: { mode: 'stale', staleFrom: from, numbersMissing: report.source?.numbersMissing ?? false, ...(report.source?.archive ? { archive: report.source.archive } : {}) },
    warnings: [warning, ...report.warnings],
  };
}

function sampleWarning(why: string, sampleDate: string): string {
  return `${why}: showing the bundled sample day of ${sampleDate}, not today's posts. Set REDDIT_SOURCE=sample to skip this, or see README "Reddit"`;
}

/** Kept on the stored sample report, for a reader who opens it by its date. */
function sampleNote(sampleDate: string): string {
  return `This is the bundled sample day of ${sampleDate}, shown because Reddit's posts could not be collected: not news`;
}

/** URLs inside an upstream message with their credentials taken out (the errors' own are already). */
function redactUrls(text: string): string {
  return text.replace(/https?:\/\/[^\s)"']+/g, (url) => redactUrl(url));
}

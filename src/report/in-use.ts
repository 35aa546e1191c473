import type { Store } from '../store/store.js';
import { isLive } from './fallback.js';
import { utcDate } from './windows.js';

// Which report a reader gets today, for `ai-trends status`: the day's own (built), a stand-in kept while
// today's posts cannot be collected (a stale day or the bundled sample, until Reddit is asked again), the
// bundled sample day itself (--sample, REDDIT_SOURCE=sample), or none yet. Right after a run that showed
// the sample, status used to say "no report built", which was true and no help.

export type ReportInUse =
  | { kind: 'built'; date: string; generatedAt: string; mode: string }
  | { kind: 'stand-in'; date: string; mode: 'stale' | 'sample'; reason: string; retryAt: string }
  | { kind: 'sample'; date: string; stored: boolean }
  | { kind: 'none'; date: string };

/** `sampleDate`: the app serves the bundled sample (its own store scope), whose report is kept under this date. */
export async function reportInUse(store: Store, now: Date, sampleDate?: string): Promise<ReportInUse> {
  if (sampleDate) return { kind: 'sample', date: sampleDate, stored: (await store.reports.get(sampleDate)) !== undefined };
  const today = utcDate(now);
  const built = await store.reports.get(today);
  if (built && isLive(built)) return { kind: 'built', date: today, generatedAt: built.generatedAt, mode: built.source?.mode ?? 'api' };
  const kept = await store.fallbacks.get(today);
  if (kept && now.getTime() < Date.parse(kept.retryAt)) {
    const mode = kept.report.source?.mode === 'stale' ? 'stale' : 'sample';
    return { kind: 'stand-in', date: kept.report.date, mode, reason: kept.reason, retryAt: kept.retryAt };
  }
  return { kind: 'none', date: today };
}

export function describeReportInUse(inUse: ReportInUse): string {
  switch (inUse.kind) {
    case 'built':
      return `Today's report (${inUse.date}): built at ${inUse.generatedAt} from ${inUse.mode === 'feeds' ? "Reddit's public feeds" : "Reddit's API"}`;
    case 'stand-in': {
      const what = inUse.mode === 'stale' ? `the stored report of ${inUse.date}, marked stale` : `the bundled sample day of ${inUse.date}, marked`;
      return `Today's report: ${what}, because today's posts could not be collected (${inUse.reason}); Reddit is asked again after ${inUse.retryAt.slice(11, 16)} UTC (or now: ai-trends report --refresh)`;
    }
    case 'sample':
      return `Report: the bundled sample day of ${inUse.date} (--sample or REDDIT_SOURCE=sample)${inUse.stored ? '' : ', not built yet: ai-trends report --sample builds it'}`;
    case 'none':
      return `Today's report (${inUse.date}): not built yet; the first /trends, morning post or ai-trends report builds it`;
  }
}

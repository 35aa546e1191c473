import type { Report } from '../models.js';
import type { PostSnapshot, Store } from '../store/store.js';
import { daysBefore } from '../time/day.js';
import { viewMatcher, viewReportKey, type ReportViewInfo } from '../report/view.js';

// Earlier days as the store remembers them: their reports and the snapshot of every post collected.

export interface HistoryDay {
  date: string;
  report?: Report;
  snapshot?: PostSnapshot;
}

/** The stored days among the `span` days before `date`, newest first; days with nothing stored are left out. */
export async function loadHistory(store: Store, date: string, span = 30, view?: ReportViewInfo): Promise<HistoryDay[]> {
  const dates = Array.from({ length: span }, (_, i) => daysBefore(date, i + 1));
  // A view's history is its own: its stored reports, and the snapshots' posts it would have shown.
  const matches = view?.key ? viewMatcher(view) : undefined;
  const days = await Promise.all(
    dates.map(async (day) => {
      const report = await store.reports.get(viewReportKey(day, view?.key));
      const snapshot = await store.snapshots.get(day);
      return { date: day, report, snapshot: snapshot && matches ? { ...snapshot, posts: snapshot.posts.filter(matches) } : snapshot };
    }),
  );
  return days.filter((day) => day.report || day.snapshot);
}

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

/** Where the posts of communities only some subscriptions name are kept, beside the day's snapshot. */
export function extraSnapshotKey(date: string): string {
  return `${date}~extra`;
}

/** Every post collected on `date`: the day's snapshot and the extra communities' (for views); undefined when none is stored. */
export async function collectedPosts(store: Pick<Store, 'snapshots'>, date: string): Promise<PostSnapshot['posts'] | undefined> {
  const [day, extra] = await Promise.all([store.snapshots.get(date), store.snapshots.get(extraSnapshotKey(date))]);
  if (!day && !extra) return undefined;
  return [...(day?.posts ?? []), ...(extra?.posts ?? [])];
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
      if (!matches) return { date: day, report, snapshot };
      const posts = await collectedPosts(store, day);
      return { date: day, report, snapshot: posts ? { date: day, takenAt: snapshot?.takenAt ?? `${day}T00:00:00.000Z`, ...snapshot, posts: posts.filter(matches) } : undefined };
    }),
  );
  return days.filter((day) => day.report || day.snapshot);
}

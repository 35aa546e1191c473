import type { Report } from '../models.js';
import type { PostSnapshot, Store } from '../store/store.js';
import { daysBefore } from '../time/day.js';

// Earlier days as the store remembers them: their reports and the snapshot of every post collected.

export interface HistoryDay {
  date: string;
  report?: Report;
  snapshot?: PostSnapshot;
}

/** The stored days among the `span` days before `date`, newest first; days with nothing stored are left out. */
export async function loadHistory(store: Store, date: string, span = 30): Promise<HistoryDay[]> {
  const dates = Array.from({ length: span }, (_, i) => daysBefore(date, i + 1));
  const days = await Promise.all(
    dates.map(async (day) => ({ date: day, report: await store.reports.get(day), snapshot: await store.snapshots.get(day) })),
  );
  return days.filter((day) => day.report || day.snapshot);
}

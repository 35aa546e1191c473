import type { Report } from '../models.js';
import type { Store } from '../store/store.js';
import { CHART_DAYS, chartData, type ChartData } from './chart-data.js';
import { collectedPosts, loadHistory } from './history.js';
import { viewMatcher } from '../report/view.js';

/**
 * The week's chart of a stored report: its numbers over the days the store holds (chartData). Today's
 * own snapshot goes in too, so today counts every collected post, as the earlier days' snapshots do.
 */
export async function loadWeekChart(store: Store, report: Report): Promise<ChartData | null> {
  const [snapshot, earlier] = await Promise.all([store.snapshots.get(report.date), loadHistory(store, report.date, CHART_DAYS, report.view)]);
  // A view's chart counts the view's posts of the whole collection (the extra communities' too).
  const matches = report.view?.key ? viewMatcher(report.view) : undefined;
  const all = matches ? await collectedPosts(store, report.date) : undefined;
  const today = snapshot && matches ? { ...snapshot, posts: (all ?? snapshot.posts).filter(matches) } : snapshot;
  return chartData(report, [...(today ? [{ date: report.date, snapshot: today }] : []), ...earlier]);
}

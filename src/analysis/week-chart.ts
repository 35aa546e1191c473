import type { Report } from '../models.js';
import type { Store } from '../store/store.js';
import { CHART_DAYS, chartData, type ChartData } from './chart-data.js';
import { loadHistory } from './history.js';

/** The week's chart of a stored report: its numbers over the days the store holds (chartData). */
export async function loadWeekChart(store: Store, report: Report): Promise<ChartData | null> {
  return chartData(report, await loadHistory(store, report.date, CHART_DAYS));
}

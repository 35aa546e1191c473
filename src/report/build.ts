import type { Post, Report, ReportSource } from '../models.js';
import { snapshotBasis } from './rank-basis.js';
import { selectSections } from './select.js';
import { utcDate } from './windows.js';

/**
 * A report (without analysis) from one collected snapshot. Pure: `now` decides the day and windows. The
 * collection's `source` decides the ranking basis (numbersMissing: Reddit's order) and goes with the report.
 */
export function buildReport(snapshot: Post[], now: Date, warnings: string[] = [], source?: ReportSource): Report {
  return {
    date: utcDate(now),
    generatedAt: now.toISOString(),
    sections: selectSections(snapshot, now, snapshotBasis(snapshot, source)),
    analysis: null,
    warnings: [...warnings],
    ...(source ? { source } : {}),
  };
}

import type { Post, Report, ReportSource } from '../models.js';
import { snapshotBasis } from './rank-basis.js';
import { selectSections } from './select.js';
import { utcDate } from './windows.js';

/**
 * A report (without analysis) from one collected snapshot. Pure: `now` decides the day and windows. The
 * collection's `source` decides the ranking basis (numbersMissing: Reddit's order) and goes with the report.
 */
export function buildReport(snapshot: Post[], now: Date, warnings: string[] = [], source?: ReportSource): Report {
  const basis = snapshotBasis(snapshot, source);
  // A source that claims numbers its posts lack is corrected: every output reads numbersMissing.
  const told = source && basis === 'reddit-order' && !source.numbersMissing ? { ...source, numbersMissing: true } : source;
  return {
    date: utcDate(now),
    generatedAt: now.toISOString(),
    sections: selectSections(snapshot, now, basis),
    analysis: null,
    warnings: [...warnings],
    ...(told ? { source: told } : {}),
  };
}

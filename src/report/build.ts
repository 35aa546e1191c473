import type { Post, Report } from '../models.js';
import { selectSections } from './select.js';
import { utcDate } from './windows.js';

/** A report (without analysis) from one collected snapshot. Pure: `now` decides the day and windows. */
export function buildReport(snapshot: Post[], now: Date, warnings: string[] = []): Report {
  return {
    date: utcDate(now),
    generatedAt: now.toISOString(),
    sections: selectSections(snapshot, now),
    analysis: null,
    warnings: [...warnings],
  };
}

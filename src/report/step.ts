import type { Report } from '../models.js';

// What a report build runs after collecting and selecting (the analysis, the metrics' count): each step
// gets the fresh report and returns it, added to, before it is stored. Its own file, so the build
// (daily.ts) and its fallbacks (fallback.ts) share it without importing each other.

/** A step that adds to a freshly built report (the analysis), before it is stored. */
export type ReportStep = (report: Report, now: Date) => Promise<Report>;

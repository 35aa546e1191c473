import type { Report } from '../models.js';

/** The report as JSON, the shape documented in README (`sections`, `analysis`, `warnings`). */
export function renderJsonReport(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

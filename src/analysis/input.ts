import type { Report } from '../models.js';
import type { PostDetails } from '../reddit/post-details.js';
import type { Comparison } from './compare.js';

/** Everything an analyst (Claude or offline) is given: the day's report, enrichment and the comparison. */
export interface AnalystInput {
  /** The report without analysis. */
  report: Report;
  /** Body and top comments of the day's leading posts, by post id (may be empty: sample data, failures). */
  details: Record<string, PostDetails>;
  comparison: Comparison;
  /** REPORT_LANGUAGE, e.g. "en". */
  language: string;
}

import type { Comment, Report, PostDetails } from '../models.js';
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

/** A comment as the analyst sees it, with the id its quotes must name. */
export interface IndexedComment {
  id: string;
  postId: string;
  comment: Comment;
}

/**
 * The id of a post's n-th kept comment (best first, as enrichment keeps them): "1r14h9u-c2". Ours, not
 * Reddit's, so cached details and the synthetic day have ids too, and the model sees which post it is of.
 */
export function commentId(postId: string, index: number): string {
  return `${postId}-c${index + 1}`;
}

/** Every comment given to the analyst, by its id: the prompt and the quote check use the same ids. */
export function commentIndex(details: Record<string, PostDetails>): Map<string, IndexedComment> {
  const index = new Map<string, IndexedComment>();
  for (const [postId, detail] of Object.entries(details)) {
    detail.topComments.forEach((comment, i) => index.set(commentId(postId, i), { id: commentId(postId, i), postId, comment }));
  }
  return index;
}

import { RedditError } from './errors.js';
import type { RedditOutcome } from '../metrics/metrics.js';

/** The metrics label of a failed Reddit request. */
export function redditOutcome(error: unknown): RedditOutcome {
  if (!(error instanceof RedditError)) return 'error';
  if (error.kind !== 'http') return error.kind;
  if (error.status === 429) return 'rate_limited';
  if (error.redirected) return 'redirect';
  if (error.status !== undefined && error.status >= 500) return 'server_error';
  return 'client_error';
}

import { redactUrl } from '../../text/redact.js';
import { RedditError } from '../errors.js';

// Refusals that no retry or wait can change: every later request from here would be refused the same way,
// so the feeds stop at once (no more requests) and say what the operator can do.

export type FeedsRefusal = 'network' | 'user-agent';

const messages: Record<FeedsRefusal, string> = {
  network:
    "Reddit refused this network's requests to its public feeds (403 block page): common for cloud and VPS addresses. " +
    'Run the bot from another network, or use approved API keys (REDDIT_CLIENT_ID/SECRET)',
  'user-agent':
    "Reddit refused the requests to its public feeds for their User-Agent (403): set REDDIT_USERNAME (the User-Agent names it) " +
    'or a descriptive REDDIT_USER_AGENT such as node:ai-trends:<version> (by /u/yourname)',
};

/**
 * The feeds are stopped: this network is blocked, or the User-Agent refused. A RedditError (403), so a
 * caller that tolerates a failed fetch (the analysis enrichment, follow-up answers) goes on without it.
 */
export class FeedsBlockedError extends RedditError {
  constructor(
    readonly refusal: FeedsRefusal,
    url: string,
  ) {
    super('http', url, messages[refusal], 403, refusal === 'network' ? 'blocked' : 'user-agent');
    this.name = 'FeedsBlockedError';
  }
}

/**
 * What a 403 page means. Reddit's block page says "blocked" (and may advise on the User-Agent too: it is
 * still the network); a page about the User-Agent alone is the User-Agent; anything else is one feed's
 * refusal (a private community), not a reason to stop.
 */
export function refusalOf(body: string): FeedsRefusal | undefined {
  if (/\bblocked\b/i.test(body)) return 'network';
  if (/user[- ]?agent/i.test(body)) return 'user-agent';
  return undefined;
}

/** Why a feed could not be read, for a report warning: short, no URL (warnings reach chat). */
export function describeFeedFailure(error: RedditError): string {
  if (error instanceof FeedsBlockedError) return messages[error.refusal];
  if (error.redirected) return 'redirected, not followed (check REDDIT_FEED_BASE)';
  if (error.status === 403) return 'forbidden (403): a private, quarantined or banned community?';
  if (error.status === 404) return 'not found (404)';
  if (error.status !== undefined) return `Reddit answered ${error.status}`;
  if (error.kind === 'timeout') return 'Reddit did not answer in time';
  if (error.kind === 'malformed') return 'Reddit sent an unreadable feed';
  if (error.kind === 'network') return 'Reddit could not be reached';
  // Our own refusals (a wait too long, the budget spent): their message, without the URL it ends with.
  const suffix = ` (${redactUrl(error.url)})`;
  return error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
}

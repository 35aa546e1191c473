import { isCommunityName } from '../models.js';
import type { Collection, SubredditCheck } from '../store/store.js';
import { displayText } from '../text/clean.js';
import type { RedditClient } from './client.js';
import { RedditError } from './errors.js';

// A multireddit listing silently drops a subreddit that does not exist, so each configured name is
// checked once with /r/{name}/about and the answer cached: readable ones for a week, failures for a few
// hours (a subreddit can come back).

const OK_TTL_MS = 7 * 24 * 3_600_000;
const FAILED_TTL_MS = 6 * 3_600_000;

export interface CheckedSubreddits {
  /** Canonical names to collect from. */
  readable: string[];
  warnings: string[];
}

export async function checkSubreddits(
  client: RedditClient,
  names: string[],
  cache: Collection<SubredditCheck>,
  now: Date,
): Promise<CheckedSubreddits> {
  const checks = await Promise.all(names.map((name) => checkOne(client, name, cache, now)));
  const readable: string[] = [];
  const warnings: string[] = [];
  for (const check of checks) {
    if (check.ok) readable.push(check.displayName ?? check.name);
    // A reason cached by an older version may hold Reddit's text as it came: cleaned here too.
    else warnings.push(`r/${check.name} skipped: ${check.reason ? displayText(check.reason) : 'not readable'}`);
  }
  return { readable: [...new Set(readable)], warnings };
}

async function checkOne(client: RedditClient, name: string, cache: Collection<SubredditCheck>, now: Date): Promise<SubredditCheck> {
  const key = name.toLowerCase();
  const cached = await cache.get(key);
  if (cached) return cached;
  try {
    const body = (await client.getJson(`/r/${encodeURIComponent(name)}/about`)) as { data?: { display_name?: unknown } };
    const displayName = canonicalName(name, body?.data?.display_name);
    const check: SubredditCheck = { name, ok: true, displayName, checkedAt: now.toISOString() };
    await cache.set(key, check, OK_TTL_MS);
    return check;
  } catch (error) {
    // Bad credentials are not the subreddit's fault: stop with the message that says what to fix.
    if (!(error instanceof RedditError) || error.kind === 'auth') throw error;
    const reason = describeFailure(error);
    // Fix: an unreadable body is Reddit's hiccup, not a verdict on the subreddit; it used to be cached
    // as a failure, dropping a healthy subreddit for hours. Treated like a retryable failure now.
    if (error.retryable || error.kind === 'malformed' || error.redirected) {
      // Reddit is struggling, not the subreddit: collect from it anyway and ask again next time.
      return { name, ok: true, displayName: name, checkedAt: now.toISOString(), reason };
    }
    const check: SubredditCheck = { name, ok: false, reason, checkedAt: now.toISOString() };
    await cache.set(key, check, FAILED_TTL_MS);
    return check;
  }
}

/**
 * Reddit's spelling of `asked` when it is one: a community-shaped name equal to it but for case. Anything
 * else in `display_name` (an upstream's escape sequence, "@everyone", another community) is ignored: the
 * name goes into request paths and warnings.
 */
function canonicalName(asked: string, displayName: unknown): string {
  return typeof displayName === 'string' && isCommunityName(displayName) && displayName.toLowerCase() === asked.toLowerCase() ? displayName : asked;
}

/**
 * Why a request failed, for a warning. Upstream text in it (Reddit's reason, where a redirect pointed) is
 * cleaned here, where the warning is made, so stderr, the JSON warnings and chat all get it clean.
 */
export function describeFailure(error: RedditError): string {
  if (error.status === 404) return error.reason === 'banned' ? 'banned (404)' : 'does not exist (404)';
  if (error.status === 403) return `${displayText(error.reason ?? '') || 'forbidden'} (403)`;
  if (error.redirected) return `${displayText(error.reason ?? '') || 'redirected'}, not followed (check REDDIT_API_BASE)`;
  if (error.status !== undefined) return `Reddit answered ${error.status}`;
  return error.kind === 'timeout' ? 'Reddit did not answer in time' : error.kind === 'malformed' ? 'Reddit sent an unreadable answer' : 'Reddit could not be reached';
}

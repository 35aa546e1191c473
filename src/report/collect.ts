import type { Post } from '../models.js';
import type { RedditClient } from '../reddit/client.js';
import { RedditError } from '../reddit/errors.js';
import { malformedExample, parseListing, type MalformedPost } from '../reddit/parse.js';
import { checkSubreddits, describeFailure } from '../reddit/subreddits.js';
import type { Collection, SubredditCheck } from '../store/store.js';
import { byRank, limits, uniquePosts } from './select.js';
import { isWithin, windows } from './windows.js';

// Collection with as few requests as Reddit's rules allow: one multireddit path (r/a+b+c) per listing,
// three listings in parallel:
//   new            paged back until the 24-hour window is covered: every candidate of Today and of each
//                  community, whatever its score;
//   top?t=week     until 20 posts of the week are seen (one page in practice);
//   top?t=month    likewise for the month.
// If a combined request fails for good, its subreddits are tried one by one, so one broken subreddit
// costs its own posts and a warning, not the report.

export interface CollectOptions {
  subreddits: string[];
  now: Date;
  checks: Collection<SubredditCheck>;
  /** Upper bound on pages of one listing, so a report cannot spend the whole rate-limit budget. */
  maxPages?: number;
}

export interface Collected {
  posts: Post[];
  warnings: string[];
}

const PAGE_SIZE = 100;

interface Stream {
  listing: 'new' | 'top';
  t?: 'week' | 'month';
  /** True once the pages read so far hold everything this stream is for. */
  done(posts: Post[], now: Date): boolean;
}

const streams: Stream[] = [
  { listing: 'new', done: (posts, now) => posts.some((p) => !isWithin(p.createdAt, now, windows.today) && Date.parse(p.createdAt) <= now.getTime()) },
  { listing: 'top', t: 'week', done: (posts, now) => holdsTop(posts, now, windows.week, limits.week) },
  { listing: 'top', t: 'month', done: (posts, now) => holdsTop(posts, now, windows.month, limits.month) },
];

/**
 * True when the `top` pages read so far (score descending) settle the window's top `count` posts.
 * Fix: seeing `count` in-window posts is not enough on its own. The listing orders only by score, so an
 * unseen post with the same score as the last one kept could still win on the report's tie rule
 * (comments, then id); read on until a lower score shows up. One page still settles it in practice.
 */
function holdsTop(posts: Post[], now: Date, spanMs: number, count: number): boolean {
  const kept = posts.filter((p) => isWithin(p.createdAt, now, spanMs)).sort(byRank)[count - 1];
  if (!kept) return false;
  const lowestSeen = Math.min(...posts.map((p) => p.score ?? 0));
  return lowestSeen < (kept.score ?? 0);
}

/** What one collection has learnt so far, shared by its three listings. */
interface Run {
  warnings: string[];
  /**
   * Posts dropped as malformed over every page of every listing, by key: one post is in several
   * listings (new, top of the week, top of the month) and is still one post.
   */
  malformed: Map<string, MalformedPost>;
  /** Listing requests that succeeded. */
  listingsRead: number;
  lastError?: RedditError;
}

export async function collectPosts(client: RedditClient, options: CollectOptions): Promise<Collected> {
  const checked = await checkSubreddits(client, options.subreddits, options.checks, options.now);
  const run: Run = { warnings: [...checked.warnings], listingsRead: 0, malformed: new Map() };
  if (checked.readable.length === 0) return { posts: [], warnings: [...run.warnings, 'no configured subreddit could be read'] };
  const results = await Promise.all(streams.map((stream) => readStream(client, stream, checked.readable, options, run)));
  // Fix: when not one listing could be read, Reddit itself is down or refusing us. An empty report
  // would be stored as the day's report and served all day; fail instead, so the caller can try again.
  if (run.listingsRead === 0 && run.lastError) throw run.lastError;
  // Fix: `new` lists posts newer than `now` too (an injected --now in the past); they are excluded
  // everywhere, the day's snapshot included, not only in the report's windows.
  const posts = uniquePosts(results.flat()).filter((p) => Date.parse(p.createdAt) <= options.now.getTime());
  if (run.malformed.size > 0) {
    run.warnings.push(`${run.malformed.size} post(s) from Reddit had missing or malformed fields and were left out (for example ${malformedExample([...run.malformed.values()])})`);
  }
  return { posts, warnings: run.warnings };
}

async function readStream(client: RedditClient, stream: Stream, subreddits: string[], options: CollectOptions, run: Run): Promise<Post[]> {
  try {
    return await readPages(client, stream, subreddits, options, run);
  } catch (error) {
    // A refused token is not a subreddit's failure: reading them one by one would fail the same way.
    if (!(error instanceof RedditError) || error.kind === 'auth' || subreddits.length === 1) throw error;
    run.lastError = error;
    // Fix: say so when the combined request failed, even if every subreddit is then read on its own.
    run.warnings.push(`the combined request for ${describeStream(stream)} of ${subreddits.length} subreddits failed (${describeFailure(error)}); read them one by one`);
    const perSubreddit = await Promise.all(
      subreddits.map(async (subreddit) => {
        try {
          return await readPages(client, stream, [subreddit], options, run);
        } catch (inner) {
          if (!(inner instanceof RedditError) || inner.kind === 'auth') throw inner;
          run.lastError = inner;
          run.warnings.push(`r/${subreddit} ${describeStream(stream)} skipped: ${describeFailure(inner)}`);
          return [];
        }
      }),
    );
    return perSubreddit.flat();
  }
}

async function readPages(client: RedditClient, stream: Stream, subreddits: string[], options: CollectOptions, run: Run): Promise<Post[]> {
  const maxPages = options.maxPages ?? 10;
  const path = `/r/${subreddits.map(encodeURIComponent).join('+')}/${stream.listing}`;
  const posts: Post[] = [];
  let after: string | null = null;
  for (let page = 1; ; page++) {
    const body = await client.getJson(path, { t: stream.t, limit: PAGE_SIZE, after: after ?? undefined });
    const listing = parseListing(body, path);
    run.listingsRead++;
    for (const post of listing.malformed) if (!run.malformed.has(post.key)) run.malformed.set(post.key, post);
    posts.push(...listing.posts);
    after = listing.after;
    if (!after || listing.childCount === 0 || stream.done(posts, options.now)) return posts;
    if (page >= maxPages) {
      const which = subreddits.length === 1 ? `r/${subreddits[0]} ` : '';
      run.warnings.push(`${which}${describeStream(stream)} stopped after ${maxPages} pages; older posts may be missing`);
      return posts;
    }
  }
}

function describeStream(stream: Stream): string {
  return stream.listing === 'new' ? 'newest posts' : `top posts of the ${stream.t}`;
}

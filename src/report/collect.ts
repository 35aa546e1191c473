import type { Post } from '../models.js';
import type { RedditClient } from '../reddit/client.js';
import { RedditError } from '../reddit/errors.js';
import { parseListing } from '../reddit/parse.js';
import { checkSubreddits, describeFailure } from '../reddit/subreddits.js';
import type { Collection, SubredditCheck } from '../store/store.js';
import { limits, uniquePosts } from './select.js';
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
  { listing: 'top', t: 'week', done: (posts, now) => posts.filter((p) => isWithin(p.createdAt, now, windows.week)).length >= limits.week },
  { listing: 'top', t: 'month', done: (posts, now) => posts.filter((p) => isWithin(p.createdAt, now, windows.month)).length >= limits.month },
];

export async function collectPosts(client: RedditClient, options: CollectOptions): Promise<Collected> {
  const checked = await checkSubreddits(client, options.subreddits, options.checks, options.now);
  const warnings = [...checked.warnings];
  if (checked.readable.length === 0) return { posts: [], warnings: [...warnings, 'no configured subreddit could be read'] };
  const results = await Promise.all(streams.map((stream) => readStream(client, stream, checked.readable, options, warnings)));
  return { posts: uniquePosts(results.flat()), warnings };
}

async function readStream(client: RedditClient, stream: Stream, subreddits: string[], options: CollectOptions, warnings: string[]): Promise<Post[]> {
  try {
    return await readPages(client, stream, subreddits, options, warnings);
  } catch (error) {
    if (!(error instanceof RedditError) || error.kind === 'auth' || subreddits.length === 1) throw error;
    const perSubreddit = await Promise.all(
      subreddits.map(async (subreddit) => {
        try {
          return await readPages(client, stream, [subreddit], options, warnings);
        } catch (inner) {
          if (!(inner instanceof RedditError) || inner.kind === 'auth') throw inner;
          warnings.push(`r/${subreddit} ${describeStream(stream)} skipped: ${describeFailure(inner)}`);
          return [];
        }
      }),
    );
    return perSubreddit.flat();
  }
}

async function readPages(client: RedditClient, stream: Stream, subreddits: string[], options: CollectOptions, warnings: string[]): Promise<Post[]> {
  const maxPages = options.maxPages ?? 10;
  const path = `/r/${subreddits.map(encodeURIComponent).join('+')}/${stream.listing}`;
  const posts: Post[] = [];
  let after: string | null = null;
  for (let page = 1; ; page++) {
    const body = await client.getJson(path, { t: stream.t, limit: PAGE_SIZE, after: after ?? undefined });
    const listing = parseListing(body, path);
    posts.push(...listing.posts);
    after = listing.after;
    if (!after || listing.childCount === 0 || stream.done(posts, options.now)) return posts;
    if (page >= maxPages) {
      warnings.push(`${describeStream(stream)} stopped after ${maxPages} pages; older posts may be missing`);
      return posts;
    }
  }
}

function describeStream(stream: Stream): string {
  return stream.listing === 'new' ? 'newest posts' : `top posts of the ${stream.t}`;
}

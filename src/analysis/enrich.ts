import type { Post, Report, PostDetails } from '../models.js';
import { RedditError } from '../reddit/errors.js';
import type { DetailLimits, PostDetailsSource } from '../reddit/post-details.js';
import { orderIn, reportBasis } from '../report/rank-basis.js';
import { utcDate } from '../report/windows.js';
import type { Collection } from '../store/store.js';
import { firstOfEach } from './report-posts.js';

// Enrichment: the body and top comments of the day's leading posts, so the analyst can say something
// specific. Requests go through the Reddit client (its rate limiting and retries), a few at a time;
// details fetched earlier the same day come from the store.

export interface EnrichOptions {
  report: Report;
  /** Where bodies and comments come from; absent (the sample): only what the cache holds. */
  details?: PostDetailsSource;
  cache: Collection<PostDetails>;
  /** How many of the day's posts (default 15). */
  count: number;
  limits: DetailLimits;
  now: Date;
}

export interface Enrichment {
  details: Record<string, PostDetails>;
  warnings: string[];
}

const CONCURRENCY = 3;

/** The day's posts in rank order: today's list first, then each community's leaders. */
export function postsToEnrich(report: Report, count: number): Post[] {
  const leaders = report.sections.communities.flatMap((c) => c.posts).sort(orderIn(reportBasis(report), 'day'));
  return firstOfEach([...report.sections.today, ...leaders]).slice(0, count);
}

export async function enrichPosts(options: EnrichOptions): Promise<Enrichment> {
  const posts = postsToEnrich(options.report, options.count);
  const details: Record<string, PostDetails> = {};
  const failed: string[] = [];
  const today = utcDate(options.now);
  const queue = [...posts];
  const worker = async () => {
    for (let post = queue.shift(); post; post = queue.shift()) {
      const cached = await options.cache.get(post.id);
      if (cached && cached.fetchedAt.slice(0, 10) === today) {
        details[post.id] = cached;
        continue;
      }
      if (!options.details) continue;
      try {
        const fetched = await options.details.fetch(post, options.now, options.limits);
        details[post.id] = fetched;
        await options.cache.set(post.id, fetched, 30 * 24 * 3_600_000);
      } catch (error) {
        if (!(error instanceof RedditError) || error.kind === 'auth') throw error;
        failed.push(post.id);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const warnings = failed.length > 0 ? [`comments of ${failed.length} post(s) could not be fetched (${failed.join(', ')}); the analysis used their titles only`] : [];
  return { details, warnings };
}

import type { Post } from '../../models.js';
import type { ArchivedNumbers } from './archive.js';

// Which posts an archive may give numbers to, and how its answer is folded into the collected posts.
// Pure: `now` is the report's.

/**
 * How old a post must be before an archive's numbers are worth showing. Arctic Shift archives a post the
 * moment it is posted (points 1, comments 0) and updates its numbers in a second fetch "after roughly 36
 * hours" (its API README): before that its numbers are placeholders, not Reddit's.
 */
export const ARCHIVE_SETTLED_MS = 36 * 3_600_000;

/** The posts whose points or comments the source did not give and that are old enough for the archive's. */
export function postsAwaitingNumbers(posts: Post[], now: Date): Post[] {
  const settledBefore = now.getTime() - ARCHIVE_SETTLED_MS;
  return posts.filter((post) => (post.score === null || post.numComments === null) && Date.parse(post.createdAt) <= settledBefore);
}

export interface MergedArchive {
  posts: Post[];
  /** Posts that got numbers from the archive. */
  filled: number;
  /** Posts left out because the archive marks them NSFW. */
  droppedNsfw: number;
}

/**
 * `posts` with the archive's numbers filled in where the source had none, each filled post marked
 * `numbersFrom: 'archive'`; posts the archive marks NSFW are left out (the feeds carry no such flag).
 * Only the posts asked about (`asked`) are touched: an answer about any other post, a newer one above
 * all, whose archived numbers are still placeholders, is ignored.
 */
export function mergeArchived(posts: Post[], archived: ArchivedNumbers[], asked: ReadonlySet<string>): MergedArchive {
  const byId = new Map(archived.filter((entry) => asked.has(entry.id)).map((entry) => [entry.id, entry]));
  let filled = 0;
  let droppedNsfw = 0;
  const merged: Post[] = [];
  for (const post of posts) {
    const entry = asked.has(post.id) ? byId.get(post.id) : undefined;
    if (!entry) {
      merged.push(post);
    } else if (entry.over18 === true) {
      droppedNsfw++;
    } else {
      filled++;
      // Only what the source lacked: a number Reddit itself gave is never replaced by the archive's.
      merged.push({ ...post, score: post.score ?? entry.score, numComments: post.numComments ?? entry.numComments, numbersFrom: 'archive' });
    }
  }
  return { posts: merged, filled, droppedNsfw };
}

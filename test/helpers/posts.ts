import { postUrl, type Post } from '../../src/models.js';

// Small hand-made posts for the pure report and rendering tests.

/** The `now` of the bundled sample, reused by the rule tests so times read naturally. */
export const NOW = new Date('2026-02-11T08:00:00Z');

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** ISO time `ms` milliseconds before `now` (negative: after it). */
export function ago(ms: number, now: Date = NOW): string {
  return new Date(now.getTime() - ms).toISOString();
}

let counter = 0;

/**
 * A valid post created an hour before NOW with enough comments for Today; override what a test is about.
 * Ids default to `p0001`, `p0002`, … (they sort in creation order, which matters for the id tie-break).
 */
export function makePost(overrides: Partial<Post> = {}): Post {
  counter += 1;
  const id = overrides.id ?? `p${String(counter).padStart(4, '0')}`;
  return {
    id,
    title: `Post ${id}`,
    subreddit: 'LocalLLaMA',
    score: 100,
    numComments: 20,
    flair: null,
    createdAt: ago(HOUR),
    url: postUrl(id),
    ...overrides,
  };
}

export function ids(posts: Post[]): string[] {
  return posts.map((p) => p.id);
}

// Shared set-up for the archive tests: a rung that gives posts without numbers (as the public feeds do), a
// fake Arctic Shift on 127.0.0.1 that holds them, and the real client pointed at it.
import { afterEach } from 'vitest';
import type { Post } from '../../../src/models.js';
import { arcticShift, type ArcticShiftOptions } from '../../../src/reddit/archive/arctic-shift.js';
import type { PostSource } from '../../../src/report/source.js';
import { startFakeArcticShift, type ArchivedPost, type FakeArcticShift } from '../../fakes/arctic-shift.js';
import { DAY, HOUR, ago, makePost, NOW } from '../../helpers/posts.js';

export { DAY, HOUR, NOW };
export const UA = 'node:ai-trends:0.0.0-test (by /u/tester)';

let place = 0;

/** A post the way the feeds give it: no points, no comments, a place in each of Reddit's top lists its age allows. */
export function feedPost(id: string, ageMs: number): Post {
  place++;
  const topRank = { ...(ageMs <= DAY ? { day: place } : {}), ...(ageMs <= 7 * DAY ? { week: place } : {}), month: place };
  return makePost({ id, score: null, numComments: null, createdAt: ago(ageMs), topRank });
}

/** A rung of the ladder that always collects `posts`, as the feeds would (numbers missing). */
export function feedsRung(posts: Post[], warnings: string[] = []): PostSource {
  return {
    mode: 'feeds',
    collect: async () => ({ posts: posts.map((post) => ({ ...post })), warnings: [...warnings], source: { mode: 'feeds', requests: 3, elapsedMs: 10, numbersMissing: true } }),
  };
}

export function archived(id: string, score: number, numComments: number, over18 = false): ArchivedPost {
  return { id, score, num_comments: numComments, over_18: over18, title: `Post ${id}`, subreddit: 'LocalLLaMA', created_utc: 0 };
}

const open: FakeArcticShift[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

export async function fakeArchive(posts: ArchivedPost[]): Promise<FakeArcticShift> {
  const fake = await startFakeArcticShift(posts);
  open.push(fake);
  return fake;
}

export function clientFor(fake: FakeArcticShift, overrides: Partial<ArcticShiftOptions> = {}) {
  return arcticShift({ base: fake.base, userAgent: UA, timeoutMs: 2_000, maxResponseBytes: 64 * 1024, ...overrides });
}

import { describe, expect, it } from 'vitest';
import { ARCHIVE_SETTLED_MS, mergeArchived, postsAwaitingNumbers } from '../../../src/reddit/archive/merge.js';
import { makePost } from '../../helpers/posts.js';
import { DAY, feedPost, HOUR, NOW } from './helpers.js';

// Which posts the archive may number, and how its answer is folded in (pure).

describe('postsAwaitingNumbers', () => {
  it('is the posts without points or comments that are at least 36 h old', () => {
    const settled = feedPost('edge', ARCHIVE_SETTLED_MS);
    const posts = [feedPost('old', 2 * DAY), settled, feedPost('young', ARCHIVE_SETTLED_MS - 60_000), makePost({ id: 'api', createdAt: feedPost('x', 3 * DAY).createdAt })];
    expect(postsAwaitingNumbers(posts, NOW).map((p) => p.id)).toEqual(['old', 'edge']);
    expect(ARCHIVE_SETTLED_MS).toBe(36 * HOUR);
  });
});

describe('mergeArchived', () => {
  it('fills only what the source lacked, and labels the post', () => {
    const half = { ...feedPost('half', 3 * DAY), score: 77 };
    const merged = mergeArchived([half], [{ id: 'half', score: 1, numComments: 9 }], new Set(['half']));
    expect(merged.posts[0]).toMatchObject({ score: 77, numComments: 9, numbersFrom: 'archive' });
    expect(merged.filled).toBe(1);
  });

  it('ignores an answer about a post it was not asked about', () => {
    const young = feedPost('young', 2 * HOUR);
    const merged = mergeArchived([young], [{ id: 'young', score: 1, numComments: 0, over18: true }], new Set());
    expect(merged).toEqual({ posts: [young], filled: 0, droppedNsfw: 0 });
  });

  it('drops the posts marked NSFW and counts them; a post the archive does not hold stays as it was', () => {
    const posts = [feedPost('nsfw', 3 * DAY), feedPost('missing', 3 * DAY)];
    const merged = mergeArchived(posts, [{ id: 'nsfw', score: 5, numComments: 1, over18: true }], new Set(['nsfw', 'missing']));
    expect(merged).toEqual({ posts: [posts[1]], filled: 0, droppedNsfw: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { correctNumbers } from '../../src/analysis/grounding.js';
import { makePost } from '../helpers/posts.js';

// A figure written next to "points" or "comments" about posts that have no such number (the public
// feeds) is invented, whatever its value: its sentence goes, as for any unverifiable number.

const bare = makePost({ id: 'f1', score: null, numComments: null, topRank: { day: 1 } });
const bare2 = makePost({ id: 'f2', score: null, numComments: null, topRank: { day: 2 } });
const archived = makePost({ id: 'a1', score: 1234, numComments: 56, numbersFrom: 'archive', topRank: { week: 3 } });

describe('correctNumbers without numbers', () => {
  it('drops the sentence of a points or comments figure about a post without numbers, even for one cited post', () => {
    expect(correctNumbers('Qwen ships a coder. It has 999 points. Weights are open.', [bare])).toBe('Qwen ships a coder. Weights are open.');
    expect(correctNumbers('It drew 0 comments.', [bare])).toBe('');
    expect(correctNumbers('People argue (120 comments on 30 upvotes).', [bare, bare2])).toBe('');
    expect(correctNumbers('Its score: 12. It is open.', [bare])).toBe('It is open.');
  });

  it('catches "1.2k upvotes" and "a 1,660-point post" too', () => {
    expect(correctNumbers('It took 1.2k upvotes. Next.', [bare])).toBe('Next.');
    expect(correctNumbers('A 1,660-point post leads. Next.', [bare])).toBe('Next.');
  });

  it('keeps words that are not a post’s number, and the rank', () => {
    expect(correctNumbers('The top 3 comments agree; it is #1 in Reddit’s top today.', [bare])).toBe('The top 3 comments agree; it is #1 in Reddit’s top today.');
  });

  it('checks archive-filled numbers like any other, and never totals over posts that lack them', () => {
    expect(correctNumbers('It has 1,234 points.', [archived])).toBe('It has 1,234 points.');
    expect(correctNumbers('It has 1.2k points.', [archived])).toBe('It has 1.2k points.');
    expect(correctNumbers('It has 999 points.', [archived])).toBe('It has 1234 points.');
    // The archived post's own number is right; a "total" over it and a post without numbers cannot be.
    expect(correctNumbers('One has 1,234 points. Together 1,234 points. Together 5,000 points.', [archived, bare])).toBe('One has 1,234 points. Together 1,234 points.');
  });
});

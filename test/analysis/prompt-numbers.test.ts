import { describe, expect, it } from 'vitest';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { numbersMissingData, numbersMissingFor, systemPrompt, userPrompt } from '../../src/analysis/prompt.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { feedsReport } from '../helpers/feeds-day.js';

// The analyst's prompt says when the numbers are missing, and then sends none: no score fields at all
// (not null either), each post's place in Reddit's lists instead.

/** The JSON inside <reddit_data>. */
function data(prompt: string): { numbers?: string; posts: Array<Record<string, unknown>> } {
  const json = prompt.slice(prompt.indexOf('>') + 1, prompt.indexOf('</reddit_data>'));
  return JSON.parse(json);
}

const details = (postId: string) => ({ [postId]: { id: postId, selftext: 'Body text.', topComments: [{ author: 'a', body: 'A comment.', score: null }], fetchedAt: '2026-02-11T08:00:00Z' } });

describe('the analysis prompt', () => {
  it('without numbers: says so once, sends no score or comments field, and each post’s rank', () => {
    const report = feedsReport();
    const first = report.sections.today[0]!;
    const prompt = userPrompt({ report, details: details(first.id), comparison: compareWithHistory(report, []), language: 'en' });
    const parsed = data(prompt);
    expect(parsed.numbers).toBe(numbersMissingData);
    expect(parsed.numbers).toMatch(/^missing: points and comment counts are not available from Reddit's public feeds; the posts are in Reddit's top order/);
    for (const post of parsed.posts) {
      expect(post).not.toHaveProperty('score');
      expect(post).not.toHaveProperty('comments');
      expect(post.rank).toEqual(expect.any(Object));
    }
    expect(parsed.posts[0]).toMatchObject({ id: first.id, rank: first.topRank, topComments: [{ id: `${first.id}-c1`, text: 'A comment.' }] });
    expect((parsed.posts[0]!.topComments as object[])[0]).not.toHaveProperty('score');
    expect(prompt).not.toMatch(/"(score|comments)":/);
  });

  it('with numbers: as before, the score and comments of every post and no note', () => {
    const { now, posts } = loadSample();
    const report = buildReport(posts, now, [], { mode: 'api', numbersMissing: false });
    const parsed = data(userPrompt({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' }));
    expect(parsed.numbers).toBeUndefined();
    for (const post of parsed.posts) {
      expect(post.score).toEqual(expect.any(Number));
      expect(post.comments).toEqual(expect.any(Number));
      expect(post).not.toHaveProperty('rank');
    }
  });

  it('the system prompt’s rule, only for a report without numbers: no points or comment counts, and how to say a place', () => {
    expect(systemPrompt('en', true)).toContain('10. <reddit_data> says "numbers": "missing"');
    expect(systemPrompt('en', true)).toContain('"#1 in Reddit\'s top today"');
    expect(systemPrompt('en', true).startsWith(systemPrompt('en'))).toBe(true);
    expect(systemPrompt('en')).not.toContain('"numbers": "missing"');
    const report = feedsReport();
    expect(numbersMissingFor({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' })).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPosts } from '../../src/analysis/report-posts.js';
import { paragraph, postList } from '../../src/reply/reply.js';
import { makePost } from '../helpers/posts.js';
import { answerers, claudeFakeAnswerer, offlineAnswerer, openAIFakeAnswerer } from './answerers.js';
import { openSampleDay, openSyntheticDay, type EvalDay } from './days.js';
import { citedPostIds, evaluate, scoreReply, summarise } from './eval.js';

// The machinery of `npm run eval` on a few questions, so it cannot rot: days built as the bot builds them,
// every answerer run end to end, replies scored by the posts they link. The full run's figures are
// printed by `npm run eval`, not asserted here (they measure, they do not gate).

let days: EvalDay[] = [];
beforeAll(async () => {
  days = [await openSampleDay(), await openSyntheticDay()];
});
afterAll(async () => {
  for (const day of days) await day.close();
});

describe('the evaluation set', () => {
  it('has at least 20 questions, and every expected post is in its day’s report', () => {
    expect(days.reduce((sum, d) => sum + d.questions.length, 0)).toBeGreaterThanOrEqual(20);
    for (const day of days) {
      const ids = new Set(reportPosts(day.report).map((p) => p.id));
      for (const q of day.questions) expect(q.expected.filter((id) => !ids.has(id)), `${day.name}: ${q.question}`).toEqual([]);
    }
  });

  it('lists the offline answerer, the Claude path and the OpenAI-compatible path, each adding itself with one entry', () => {
    expect(answerers.map((a) => a.name)).toEqual(['offline', 'claude (fake API)', 'openai (fake API)']);
  });
});

describe('scoring a reply', () => {
  const a = makePost({ id: 'aaa111' });
  const b = makePost({ id: 'bbb222' });
  const question = { question: 'q', expected: ['bbb222'] };

  it('reads the posts in reading order, once each: linked spans, then post lists', () => {
    const reply = { blocks: [paragraph('See ', { text: 'A', url: a.url }, ' and ', { text: '[1]', url: b.url }), postList([b, a])] };
    expect(citedPostIds(reply)).toEqual(['aaa111', 'bbb222']);
  });

  it('a right post cited second counts as cited, not first; no link counts as neither', () => {
    const second = scoreReply('d', question, { blocks: [postList([a, b])] });
    expect([second.citesRight, second.rightFirst]).toEqual([true, false]);
    const none = scoreReply('d', question, { blocks: [paragraph('Nothing.')] });
    expect([none.citesRight, none.rightFirst]).toEqual([false, false]);
    expect(summarise([second, none])).toEqual({ questions: 2, citesRight: 1, rightFirst: 0 });
  });
});

describe('answerers on a couple of questions', () => {
  it('the offline answerer answers from each day, citing the posts it found', async () => {
    for (const day of days) {
      const results = await evaluate(offlineAnswerer, day, day.questions.slice(0, 2));
      expect(results).toHaveLength(2);
      for (const result of results) expect(result.cited.length).toBeGreaterThan(0);
    }
  });

  it.each([claudeFakeAnswerer, openAIFakeAnswerer])('$name maps the cited source back to the right post, numbered first', async (answerer) => {
    for (const day of days) {
      const results = await evaluate(answerer, day, day.questions.slice(0, 2));
      expect(results.map((r) => [r.citesRight, r.rightFirst])).toEqual([
        [true, true],
        [true, true],
      ]);
    }
  });
});

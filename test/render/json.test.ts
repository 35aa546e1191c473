import { describe, expect, it } from 'vitest';
import type { Post, Report } from '../../src/models.js';
import { renderJsonReport } from '../../src/render/json.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { ago, DAY, makePost, NOW } from '../helpers/posts.js';

const postKeys = ['createdAt', 'flair', 'id', 'numComments', 'score', 'subreddit', 'title', 'url'];

function keys(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

function allPosts(parsed: { sections: { today: unknown[]; week: unknown[]; month: unknown[]; communities: { posts: unknown[] }[] } }): unknown[] {
  const s = parsed.sections;
  return [...s.today, ...s.week, ...s.month, ...s.communities.flatMap((c) => c.posts)];
}

describe('renderJsonReport', () => {
  const posts = [
    makePost({ id: 'j1', title: 'Quotes "here" & a | pipe', subreddit: 'LocalLLaMA', flair: 'Discussion', score: 50 }),
    makePost({ id: 'j2', subreddit: 'AI_Agents', flair: null, score: 40, createdAt: ago(2 * DAY) }),
  ];
  const report = buildReport(posts, NOW, ['r/gone: not found (404)']);
  const text = renderJsonReport(report);
  const parsed = JSON.parse(text);

  it('is one JSON document', () => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text.trim().startsWith('{')).toBe(true);
  });

  it('has exactly {date, generatedAt, source, sections, analysis, warnings}', () => {
    expect(keys(parsed)).toEqual(['analysis', 'date', 'generatedAt', 'sections', 'source', 'warnings']);
    // A report without a source (stored before the ladder) reads as the API's.
    expect(parsed.source).toEqual({ mode: 'api', numbersMissing: false });
    expect(parsed.date).toBe('2026-02-11');
    expect(parsed.generatedAt).toBe('2026-02-11T08:00:00.000Z');
    expect(parsed.analysis).toBeNull();
    expect(parsed.warnings).toEqual(['r/gone: not found (404)']);
  });

  it('has sections {today, week, month, communities: [{subreddit, posts}]}', () => {
    expect(keys(parsed.sections)).toEqual(['communities', 'month', 'today', 'week']);
    expect(parsed.sections.communities).toEqual([{ subreddit: 'LocalLLaMA', posts: [expect.any(Object)] }]);
    for (const community of parsed.sections.communities) expect(keys(community)).toEqual(['posts', 'subreddit']);
    expect(parsed.sections.today.map((p: Post) => p.id)).toEqual(['j1']);
    expect(parsed.sections.week.map((p: Post) => p.id)).toEqual(['j1', 'j2']);
  });

  it('writes each post as exactly {id, title, subreddit, score, numComments, flair, createdAt, url}, plain text', () => {
    for (const post of allPosts(parsed)) expect(keys(post)).toEqual(postKeys);
    expect(parsed.sections.today[0]).toEqual({
      id: 'j1',
      title: 'Quotes "here" & a | pipe',
      subreddit: 'LocalLLaMA',
      score: 50,
      numComments: 20,
      flair: 'Discussion',
      createdAt: '2026-02-11T07:00:00.000Z',
      url: 'https://www.reddit.com/comments/j1',
    });
    expect(parsed.sections.week[1].flair).toBeNull();
  });

  it('writes createdAt as ISO 8601 UTC', () => {
    for (const post of allPosts(parsed) as Post[]) expect(post.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
  });

  it('leaves out what enrichment added to a post (selftext, topComments)', () => {
    const enriched: Post = { ...makePost({ id: 'rich' }), selftext: 'long body', topComments: [{ author: 'a', body: 'b', score: 1 }] };
    const out = JSON.parse(renderJsonReport(buildReport([enriched], NOW)));
    for (const post of allPosts(out)) expect(keys(post)).toEqual(postKeys);
  });

  it('has the same shape for an empty report', () => {
    const out = JSON.parse(renderJsonReport(buildReport([], NOW)));
    expect(out).toEqual({
      date: '2026-02-11',
      generatedAt: '2026-02-11T08:00:00.000Z',
      source: { mode: 'api', numbersMissing: false },
      sections: { today: [], week: [], month: [], communities: [] },
      analysis: null,
      warnings: [],
    });
  });

  it('the bundled sample gives the documented shape', () => {
    const { now, posts: sample } = loadSample();
    const out = JSON.parse(renderJsonReport(buildReport(sample, now))) as Report;
    expect(out.sections.today).toHaveLength(10);
    expect(out.sections.week).toHaveLength(20);
    expect(out.sections.month).toHaveLength(20);
    for (const post of allPosts(out)) expect(keys(post)).toEqual(postKeys);
  });

  it('carries the collected source as it is', () => {
    const source = { mode: 'feeds' as const, requests: 5, elapsedMs: 252_000, numbersMissing: true };
    const out = JSON.parse(renderJsonReport(buildReport([], NOW, ['r/x: 403'], source)));
    expect(out.source).toEqual(source);
    expect(out.warnings).toEqual(['r/x: 403']);
  });

  it('writes null for numbers the source did not give, and topRank / numbersFrom only when the post has them', () => {
    const bare = makePost({ id: 'f1', score: null, numComments: null, topRank: { day: 1, week: 4 } });
    const archived = makePost({ id: 'f2', score: 120, numComments: 8, numbersFrom: 'archive', createdAt: ago(3 * DAY), topRank: { week: 2 } });
    const out = JSON.parse(renderJsonReport(buildReport([bare, archived], NOW, [], { mode: 'feeds', numbersMissing: true })));
    expect(out.sections.today).toEqual([expect.objectContaining({ id: 'f1', score: null, numComments: null, topRank: { day: 1, week: 4 } })]);
    expect(keys(out.sections.today[0])).toEqual([...postKeys, 'topRank'].sort());
    expect(out.sections.week.map((p: Post) => p.id)).toEqual(['f2', 'f1']);
    expect(out.sections.week[0]).toMatchObject({ score: 120, numComments: 8, numbersFrom: 'archive', topRank: { week: 2 } });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { dayReport, siteOf, textOf } from './helpers.js';

// /search over a few stored days: titles, communities and the analysis, ranked, each hit with its day and
// a link; a post listed on several days is one hit, on its first day; the query is escaped where shown.

const days = [
  dayReport('2026-03-01', [{ id: 'q1', title: 'Qwen3 80B runs on a single 3090', subreddit: 'LocalLLaMA' }, { id: 'o1', title: 'A new diffusion sampler', subreddit: 'StableDiffusion' }], [{ name: 'Qwen everywhere', text: 'Qwen models lead the local leaderboards.' }]),
  dayReport('2026-03-02', [{ id: 'q2', title: 'Benchmarks of small models', subreddit: 'LocalLLaMA' }, { id: 'q1', title: 'Qwen3 80B runs on a single 3090', subreddit: 'LocalLLaMA' }], [{ name: 'Agents in production', text: 'Teams report agent failures; one mention of Qwen.' }]),
  dayReport('2026-03-03', [{ id: 'r1', title: 'RAG pipelines that work', subreddit: 'Rag', flair: 'Discussion' }, { id: 'q3', title: 'Qwen Qwen Qwen: the Qwen family compared', subreddit: 'singularity' }]),
];

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('search over the stored days', () => {
  it('ranks the hits, names each day and links each page and post', async () => {
    const opened = await siteOf(days, '2026-03-03');
    close = opened.close;
    const results = await opened.archive.search('qwen');
    expect(results.days).toBe(3);
    // The post of two days is one hit, on its first; the analysis hits link the day's analysis.
    const keys = results.hits.map((h) => `${h.kind}:${h.date}:${h.title}`);
    expect(keys.filter((k) => k.includes('Qwen3 80B'))).toEqual(['post:2026-03-01:Qwen3 80B runs on a single 3090']);
    expect(keys[0]).toBe('post:2026-03-03:Qwen Qwen Qwen: the Qwen family compared');
    expect(keys).toContain('analysis:2026-03-01:Qwen everywhere');
    expect(keys).toContain('analysis:2026-03-02:Agents in production');
    // The highlight named after the word outranks a passing mention.
    expect(keys.indexOf('analysis:2026-03-01:Qwen everywhere')).toBeLessThan(keys.indexOf('analysis:2026-03-02:Agents in production'));
    expect(keys.some((k) => k.includes('diffusion'))).toBe(false);

    const page = await opened.site.get('/search?q=qwen');
    expect(page.status).toBe(200);
    // The matched words marked, the model family in its version too.
    expect(page.body).toContain('<a href="https://www.reddit.com/comments/q3"><mark>Qwen</mark> <mark>Qwen</mark> <mark>Qwen</mark>: the <mark>Qwen</mark> family compared</a>');
    expect(page.body).toContain('<a href="https://www.reddit.com/comments/q1"><mark>Qwen3</mark> 80B runs on a single 3090</a>');
    expect(page.body).toContain('in the report of <a href="/reports/2026-03-03">2026-03-03</a>');
    expect(page.body).toContain('(analysis of <a href="/reports/2026-03-01#analysis">2026-03-01</a>)');
    expect(textOf(page.body)).toContain('4 results for “qwen” in 3 stored days.');
  });

  it('finds communities and flairs, and says when nothing matches', async () => {
    const opened = await siteOf(days, '2026-03-03');
    close = opened.close;
    expect((await opened.archive.search('r/Rag')).hits.map((h) => h.title)).toEqual(['RAG pipelines that work']);
    expect((await opened.archive.search('StableDiffusion')).hits.map((h) => h.title)).toEqual(['A new diffusion sampler']);
    const none = await opened.site.get('/search?q=zzzzqqq');
    expect(textOf(none.body)).toContain('0 results for “zzzzqqq” in 3 stored days.');
    const empty = await opened.site.get('/search');
    expect(empty.status).toBe(200);
    expect(empty.body).not.toContain('results for');
  });

  it('shows the query escaped, in the field and in the results line', async () => {
    const opened = await siteOf(days, '2026-03-03');
    close = opened.close;
    const page = await opened.site.get(`/search?q=${encodeURIComponent('"><script>alert(1)</script> qwen')}`);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62; qwen"');
  });
});

import { describe, expect, it } from 'vitest';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { systemPrompt, userPrompt } from '../../src/analysis/prompt.js';
import { buildReport } from '../../src/report/build.js';
import { topPick } from '../../src/report/pick.js';
import { loadSample } from '../../src/sample/sample.js';

// The analyst is told the day's pick, so a model leads its highlights with it as the offline analyst does.

function posts(prompt: string): Array<{ id: string; pick?: number; flair: string | null }> {
  return JSON.parse(prompt.slice(prompt.indexOf('>') + 1, prompt.indexOf('</reddit_data>'))).posts;
}

describe('the analysis prompt and the day’s pick', () => {
  it('gives each of the day’s posts its place in the pick, and no place to the week’s and month’s', () => {
    const { now, posts: snapshot } = loadSample();
    const report = buildReport(snapshot, now, [], { mode: 'sample', numbersMissing: false });
    const sent = posts(userPrompt({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' }));
    const byId = new Map(sent.map((p) => [p.id, p]));
    expect(topPick(report).map((p) => byId.get(p.id)!.pick)).toEqual([1, 2, 3, 4, 5]);
    // The meme, first of Today by points, is last of the pick.
    const meme = sent.find((p) => p.flair === 'Meme' && p.pick !== undefined)!;
    expect(meme.pick).toBe(Math.max(...sent.flatMap((p) => (p.pick === undefined ? [] : [p.pick]))));
    const dayIds = new Set([...report.sections.today, ...report.sections.communities.flatMap((c) => c.posts)].map((p) => p.id));
    for (const post of sent) expect(post.pick === undefined).toBe(!dayIds.has(post.id));
  });

  it('tells the model to lead its highlights with the pick', () => {
    expect(systemPrompt('en')).toContain('led by the lowest "pick" (weighed within its community)');
    // Still under the smallest prefix Claude caches (1,024 tokens): a daily prompt written to the cache and never read is billed for nothing.
    expect(Math.ceil(systemPrompt('en').length / 4)).toBeLessThan(1_024);
  });
});

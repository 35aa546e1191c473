import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { correctNumbers } from '../../src/analysis/grounding.js';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { openStore, type Store } from '../../src/store/store.js';
import { makePost } from '../helpers/posts.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// The analysis step without an API key: the offline analyst, through the same grounding check.

let store: Store;
beforeEach(async () => {
  store = await openTempStore('live', tempSqliteUrl('ai-trends-offline-step-'));
});
afterEach(async () => store.close());

describe('analysis step without Claude', () => {
  it('publishes the offline analysis, marked as an automatic summary, with its totals intact', async () => {
    const sample = loadSample();
    const report = buildReport(sample.posts, sample.now);
    const result = await createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } })(report, sample.now);
    const analysis = result.analysis!;
    expect(analysis.source).toBe('offline');
    expect(analysis.model).toBeNull();
    expect(analysis.usage).toBeNull();
    expect(analysis.hasHistory).toBe(false);
    const video = analysis.sections.highlights.find((theme) => theme.theme === 'Video and image generation')!;
    const seedance = video.items.find((item) => item.name === 'Seedance 2.0')!;
    const total = report.sections.today.filter((p) => /seedance/i.test(p.title)).reduce((sum, p) => sum + p.score!, 0);
    expect(seedance.summary).toContain(`${total.toLocaleString('en-US')} points`);
    const md = renderMarkdownReport(result);
    expect(md).toContain('_Automatic summary in English: built without a language model');
    expect(md).toContain("Compared with this week's top posts in this report; no earlier daily reports are stored yet");
    expect(md).toMatch(/Seedance carries on from the week/);
  });
});

describe('number check of model prose', () => {
  const a = makePost({ id: 'aaaaaaa', score: 100, numComments: 10 });
  const b = makePost({ id: 'bbbbbbb', score: 50, numComments: 5 });
  it('accepts a cited post\'s number or the total over the cited posts', () => {
    expect(correctNumbers('Together 150 points and 15 comments.', [a, b])).toBe('Together 150 points and 15 comments.');
    expect(correctNumbers('It has 50 points.', [a, b])).toBe('It has 50 points.');
  });
  it('corrects a wrong number for one cited post and drops the sentence when several are cited', () => {
    expect(correctNumbers('It has 999 points.', [a])).toBe('It has 100 points.');
    expect(correctNumbers('First claim. It has 999 points. Last claim.', [a, b])).toBe('First claim. Last claim.');
  });
  it('leaves counts of picked things alone ("the top 3 comments")', () => {
    expect(correctNumbers('The top 3 comments agree.', [a])).toBe('The top 3 comments agree.');
  });
});

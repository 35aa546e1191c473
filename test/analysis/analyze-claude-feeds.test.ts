import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { systemPrompt } from '../../src/analysis/prompt.js';
import type { AnalysisSections } from '../../src/models/analysis.js';
import { createClaude } from '../../src/llm/claude.js';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { inventedFigure } from '../helpers/arbitrary-feeds.js';
import { feedsReport } from '../helpers/feeds-day.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// Claude on a day from the public feeds: told the numbers are missing (the extra rule, the note in the
// data, no score fields), and any figure it writes anyway is dropped with its sentence.

let anthropic: FakeAnthropic;
let store: Store;
beforeEach(async () => {
  anthropic = await startFakeAnthropic();
  store = await openTempStore('live', tempSqliteUrl('ai-trends-analysis-feeds-'));
});
afterEach(async () => {
  await store.close();
  await anthropic.close();
});

describe('the analysis of a feeds day by a model', () => {
  it('is asked without numbers, and keeps none it invents', async () => {
    const report = feedsReport();
    const [first, second] = report.sections.today;
    const sections: AnalysisSections = {
      highlights: [
        {
          theme: 'Memes',
          items: [
            {
              name: 'A tweet people loved',
              summary: 'It drew 4,200 upvotes and 300 comments. It is #1 in Reddit’s top today.',
              whyItMatters: 'Memes lead the day.',
              postIds: [first!.id],
            },
          ],
        },
      ],
      weekly: { persistent: [], emerging: [{ text: 'Seedance is new. Together the two posts have 1.2k points.', postIds: [first!.id, second!.id] }], fading: [] },
      monthly: [],
      deepDive: null,
      communityHighlights: { communities: [], crossCutting: [], niche: [] },
    };
    anthropic.enqueue({ kind: 'message', content: [{ type: 'text', text: JSON.stringify(sections) }], usage: { input_tokens: 3000, output_tokens: 500 } });
    const claude = createClaude({ apiKey: 'test-key', baseURL: anthropic.baseURL, model: 'claude-sonnet-5-5', timeoutMs: 5_000, maxRetries: 0 });
    const step = createAnalysisStep({ store, claude, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } });
    const result = await step(report, new Date(report.generatedAt));

    const request = anthropic.requests[0]!.body;
    expect(request.system[0].text).toBe(systemPrompt('en', true));
    const user: string = request.messages[0].content;
    expect(user).toContain('"numbers":"missing: points and comment counts are not available from Reddit\'s public feeds');
    expect(user).not.toMatch(/"(score|comments)":/);

    const analysis = result.analysis!;
    expect(analysis.source).toBe('claude');
    expect(analysis.sections.highlights[0]!.items[0]!.summary).toBe('It is #1 in Reddit’s top today.');
    expect(analysis.sections.weekly.emerging[0]!.text).toBe('Seedance is new.');
    expect(renderMarkdownReport(result)).not.toMatch(inventedFigure);
  });
});

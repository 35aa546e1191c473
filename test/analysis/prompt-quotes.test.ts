import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { quotedFrom } from '../../src/analysis/grounding.js';
import { systemPrompt, userPrompt } from '../../src/analysis/prompt.js';
import type { AnalysisSections } from '../../src/models/analysis.js';
import { createClaude } from '../../src/llm/claude.js';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import { buildReport } from '../../src/report/build.js';
import { loadSyntheticDay } from '../../src/sample/synthetic-day.js';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// The LLM prompt on the synthetic day (bodies and comments): comments carry ids, the model may quote them,
// and grounding keeps a quote only when the named comment holds those words. Real SDK, fake Messages API.

const day = loadSyntheticDay();
const report = buildReport(day.posts, day.now);
const input = { report, details: day.details, comparison: compareWithHistory(report, []), language: 'en' };

describe('the analyst prompt', () => {
  const prompt = userPrompt(input);
  const data = JSON.parse(prompt.split('\n')[1]!) as { posts: Array<{ id: string; topComments?: Array<{ id: string; text: string }> }> };

  it('gives every comment an id naming its post, in the order enrichment kept them', () => {
    const marlin = data.posts.find((p) => p.id === 'synthetic01')!;
    expect(marlin.topComments!.map((c) => c.id)).toEqual(['synthetic01-c1', 'synthetic01-c2', 'synthetic01-c3']);
    expect(marlin.topComments![0]!.text).toBe(day.details.synthetic01!.topComments[0]!.body);
  });

  it('holds the week comparison computed from the report, on a fresh install too', () => {
    const comparison = JSON.parse(prompt.split('\n')[4]!);
    expect(comparison.basis).toMatch(/^today's list against this report's week list/);
    expect(comparison.week.persistent.map((s: { story: string }) => s.story)).toContain('Marlin');
    expect(comparison.week.new.length).toBeGreaterThan(0);
    expect(comparison.earlierPosts).toEqual([]);
  });

  it('frames the day for practitioners, with one example item, and keeps its rules provider-neutral', () => {
    const system = systemPrompt('en');
    expect(system).toMatch(/what is new against what came before; can I run or use\s+it \(VRAM/);
    expect(system).toMatch(/"commenters": \[\{"commentId": "abc123-c1"/);
    expect(system).toMatch(/6\. weekly: explain the computed comparison only\. <comparison> always holds "week"/);
    expect(system).not.toMatch(/Claude/);
  });
});

describe('quotes are checked word for word', () => {
  it('accepts exact words (case, spacing, curly quotes, an ellipsis between exact pieces) and nothing else', () => {
    const body = 'Ran it on a single 24 GB card at 38 tok/s with llama.cpp. The 3.1 release fixes the tool-call format.';
    expect(quotedFrom('Ran it on a single 24 GB card at 38 tok/s', body)).toBe(true);
    expect(quotedFrom('“ran it on a  single 24 GB card”.', body)).toBe(true);
    expect(quotedFrom('Ran it on a single 24 GB card … fixes the tool-call format', body)).toBe(true);
    expect(quotedFrom('Ran it on two 24 GB cards', body)).toBe(false);
    expect(quotedFrom('fixes the tool-call format … Ran it', body)).toBe(false);
    // Whole words only.
    expect(quotedFrom('3.1 rele', body)).toBe(false);
    expect(quotedFrom('tok/s with llama.cpp', body)).toBe(true);
    expect(quotedFrom('', body)).toBe(false);
  });
});

describe('the analysis step with quotes', () => {
  let anthropic: FakeAnthropic;
  let store: Store;
  beforeEach(async () => {
    anthropic = await startFakeAnthropic();
    store = await openTempStore('live', tempSqliteUrl('ai-trends-quotes-'));
    for (const detail of Object.values(day.details)) await store.postDetails.set(detail.id, detail);
  });
  afterEach(async () => {
    await store.close();
    await anthropic.close();
  });

  const sections = (): AnalysisSections => ({
    highlights: [
      {
        theme: 'Model releases',
        items: [
          {
            name: 'Marlin 3.1 under Apache 2.0',
            summary: 'A 32B model that fits 24 GB at Q4.',
            whyItMatters: 'A permissive local coder.',
            postIds: ['synthetic01'],
            commenters: [
              { commentId: 'synthetic01-c1', quote: 'Ran it on a single 24 GB card at 38 tok/s' },
              // Paraphrased: not the commenter's words.
              { commentId: 'synthetic01-c2', quote: 'Apache 2.0 is the best news of the year' },
              // A real comment, of a post this item does not cite.
              { commentId: 'synthetic02-c1', quote: 'Kestrel for chat, Marlin for anything with more than three steps' },
              // No such comment.
              { commentId: 'synthetic01-c9', quote: 'Ran it' },
            ],
          },
        ],
      },
    ],
    weekly: { persistent: [{ text: 'Marlin carries on from its teaser.', postIds: ['synthetic01', 'synthetic14'] }], emerging: [], fading: [] },
    monthly: [],
    deepDive: null,
    communityHighlights: { communities: [], crossCutting: [], niche: [] },
  });

  it('keeps the exact quote with its comment’s real score, drops the others and says how many', async () => {
    anthropic.enqueue({ kind: 'message', content: [{ type: 'text', text: JSON.stringify(sections()) }] });
    const claude = createClaude({ apiKey: 'test-key', baseURL: anthropic.baseURL, model: 'claude-sonnet-5-5', timeoutMs: 5_000, maxRetries: 0 });
    const step = createAnalysisStep({ store, claude, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } });
    const result = await step(report, day.now);
    expect(result.analysis!.source).toBe('claude');
    const item = result.analysis!.sections.highlights[0]!.items[0]!;
    expect(item.commenters).toEqual([{ commentId: 'synthetic01-c1', quote: 'Ran it on a single 24 GB card at 38 tok/s', score: 412 }]);
    expect(result.warnings).toContain('3 commenter quote(s) did not match the comment they named and were dropped');
    expect(result.analysis!.sections.weekly.persistent).toHaveLength(1);
    expect(renderMarkdownReport(result)).toContain('“Ran it on a single 24 GB card at 38 tok/s” (412 points)');
    // What the model was sent: comment ids and the schema's commenters field.
    const body = anthropic.requests[0]!.body;
    expect(body.messages[0].content).toContain('"id":"synthetic01-c1"');
    expect(JSON.stringify(body.output_config.format.schema)).toContain('"commenters"');
  });
});

describe('earlier posts the comparison cites', () => {
  it('are sent with their titles and stay citable, for the model and the offline analyst alike', async () => {
    const store = await openTempStore('live', tempSqliteUrl('ai-trends-earlier-'));
    const anthropic = await startFakeAnthropic();
    try {
      // Yesterday: two posts on a robot arm that today's report no longer lists anywhere.
      const yesterday = new Date(day.now.getTime() - 24 * 3_600_000);
      const arm = (id: string, title: string) => ({ id, title, subreddit: 'singularity', score: 50, numComments: 50, flair: null, createdAt: new Date(yesterday.getTime() - 2 * 3_600_000).toISOString(), url: `https://www.reddit.com/comments/${id}` });
      const earlier = buildReport([arm('armone1', 'Gripwell robot arm sorts parcels'), arm('armtwo2', 'Gripwell robot arm price leaked')], yesterday);
      await store.reports.set(earlier.date, earlier);
      const todayOnly = buildReport(day.posts.filter((p) => Date.parse(p.createdAt) > day.now.getTime() - 24 * 3_600_000), day.now);
      const sections: AnalysisSections = {
        highlights: [],
        weekly: { persistent: [], emerging: [], fading: [{ text: 'The Gripwell arm faded.', postIds: ['armone1', 'armtwo2'] }] },
        monthly: [],
        deepDive: null,
        communityHighlights: { communities: [], crossCutting: [], niche: [] },
      };
      anthropic.enqueue({ kind: 'message', content: [{ type: 'text', text: JSON.stringify(sections) }] });
      const claude = createClaude({ apiKey: 'test-key', baseURL: anthropic.baseURL, model: 'claude-sonnet-5-5', timeoutMs: 5_000, maxRetries: 0 });
      const result = await createAnalysisStep({ store, claude, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 5 } })(todayOnly, day.now);
      expect(anthropic.requests[0]!.body.messages[0].content).toContain('"earlierPosts":[{"id":"armone1","subreddit":"singularity","title":"Gripwell robot arm sorts parcels"');
      expect(result.analysis!.source).toBe('claude');
      expect(result.analysis!.sections.weekly.fading[0]!.postIds).toEqual(['armone1', 'armtwo2']);
      expect(result.analysis!.citations['armone1']!.title).toBe('Gripwell robot arm sorts parcels');
      const offline = await createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 5 } })(todayOnly, day.now);
      const fading = offline.analysis!.sections.weekly.fading.find((c) => c.postIds.includes('armone1'));
      expect(fading?.text).toMatch(/Gripwell robot/);
      expect(offline.analysis!.citations['armtwo2']).toBeDefined();
    } finally {
      await store.close();
      await anthropic.close();
    }
  });
});

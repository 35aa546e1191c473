// `npm run bench` (analysis part): tokens and estimated cost of one report's analysis on the sample day,
// measured by the fake Anthropic's count of the request we send (ceil(chars / 4), the same rule for every
// prompt), side by side with a prompt built the way the reference script did: the rendered Markdown
// tables plus an instruction. Two cases for ours: the bundled sample as it is (no post bodies or
// comments), and the same day with full enrichment (15 posts with a 1,200-character body and five
// 400-character comments each: the upper bound of what enrichment adds).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { postsToEnrich } from '../../src/analysis/enrich.js';
import { analyzeOffline } from '../../src/analysis/offline/analyst.js';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { createClaude } from '../../src/llm/claude.js';
import { priceOf } from '../../src/llm/prices.js';
import { renderMarkdownReport } from '../../src/render/markdown.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { openStore } from '../../src/store/store.js';
import { estimateTokens, measureRequest, startFakeAnthropic } from '../fakes/anthropic.js';

const MODEL = 'claude-sonnet-5-5';
const sample = loadSample();
const report = buildReport(sample.posts, sample.now);
// A realistic answer: the offline analyst's sections as JSON, the size a model's answer would have.
const answer = JSON.stringify(analyzeOffline({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' }));

const anthropic = await startFakeAnthropic();
anthropic.setDefault({ kind: 'message', content: [{ type: 'text', text: answer }] });
const dir = mkdtempSync(join(tmpdir(), 'ai-trends-bench-analysis-'));
const claude = createClaude({ apiKey: 'bench', baseURL: anthropic.baseURL, model: MODEL, timeoutMs: 10_000, maxRetries: 0 });

async function measureOurs(enriched: boolean) {
  const store = await openStore(`sqlite://${join(dir, `${enriched ? 'enriched' : 'plain'}.sqlite`)}`);
  if (enriched) {
    for (const post of postsToEnrich(report, 15)) {
      await store.postDetails.set(post.id, {
        id: post.id,
        selftext: 'b'.repeat(1_200),
        topComments: Array.from({ length: 5 }, (_, i) => ({ author: `user${i}`, body: 'c'.repeat(400), score: 100 - i })),
        fetchedAt: sample.now.toISOString(),
      });
    }
  }
  const before = anthropic.requests.length;
  const result = await createAnalysisStep({ store, claude, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } })(report, sample.now);
  await store.close();
  const request = anthropic.requests[before]!;
  return { input: request.inputTokens, cacheable: request.cacheableTokens, usage: result.analysis!.usage! };
}

const plain = await measureOurs(false);
const enriched = await measureOurs(true);

// The reference script's way: the whole rendered report (tables) as the prompt, and a short instruction.
const tables = renderMarkdownReport(report);
const referenceStyle = measureRequest({
  model: MODEL,
  max_tokens: 4_000,
  messages: [{ role: 'user', content: `Analyze the following Reddit AI trend data and write a trend analysis with today's highlights, weekly trend comparison, monthly technology evolution, a technical deep dive and community highlights.\n\n${tables}` }],
});

const price = priceOf(MODEL)!;
const output = estimateTokens(answer);
const cost = (input: number) => (input * price.input + output * price.output) / 1_000_000;
const row = (name: string, input: number, cacheable: number) =>
  `${name.padEnd(44)} ${String(input).padStart(7)} ${String(cacheable).padStart(10)} ${String(output).padStart(7)}   $${cost(input).toFixed(4)}`;

console.log(`\nAnalysis prompt on the sample day (${MODEL}: $${price.input}/MTok in, $${price.output}/MTok out; fake's count = ceil(chars/4))\n`);
console.log(`${'prompt'.padEnd(44)} ${'input'.padStart(7)} ${'cacheable'.padStart(10)} ${'output'.padStart(7)}   cost/report`);
console.log(row('ours, sample as bundled (no bodies/comments)', plain.input, plain.cacheable));
console.log(row('ours, 15 posts fully enriched (upper bound)', enriched.input, enriched.cacheable));
console.log(row('reference style (rendered tables)', referenceStyle.inputTokens, 0));
console.log(`\nours (sample) / reference: ${(plain.input / referenceStyle.inputTokens).toFixed(2)}×; ours (enriched) / reference: ${(enriched.input / referenceStyle.inputTokens).toFixed(2)}×`);
console.log(`usage as recorded with the report (sample): ${JSON.stringify(plain.usage)}`);
console.log('The cacheable part is the system prompt (instructions), the same every day; below the 1,024-token minimum it is not cached.');

await anthropic.close();
rmSync(dir, { recursive: true, force: true });

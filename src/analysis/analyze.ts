import type { Logger } from '../log.js';
import type { Claude } from '../llm/claude.js';
import type { TokenUsage } from '../llm/usage.js';
import type { RedditClient } from '../reddit/client.js';
import { defaultDetailLimits } from '../reddit/post-details.js';
import type { ReportStep } from '../report/daily.js';
import type { Store } from '../store/store.js';
import { analyzeWithClaude, ClaudeAnalysisError } from './claude-analyst.js';
import { compareWithHistory } from './compare.js';
import { firstOfEach, reportPosts } from './report-posts.js';
import { enrichPosts } from './enrich.js';
import { countItems, groundAnalysis } from './grounding.js';
import { loadHistory } from './history.js';
import { commentIndex, type AnalystInput } from './input.js';
import { analyzeOffline } from './offline.js';
import type { Analysis, AnalysisSections } from './types.js';

// The analysis step of the daily build: enrich the leading posts, compare with stored days, ask Claude
// (when configured) and check its answer against the data; fall back to the offline analyst whenever
// Claude is missing, failing or ungrounded. An error text is never published as an analysis.

export interface AnalysisDeps {
  store: Store;
  reddit?: RedditClient;
  claude?: Claude;
  settings: { language: string; enrichPosts: number; commentsPerPost: number };
  log?: Logger;
}

export function createAnalysisStep(deps: AnalysisDeps): ReportStep {
  return async (report, now) => {
    const warnings: string[] = [];
    const enrichment = await enrichPosts({
      report,
      reddit: deps.reddit,
      cache: deps.store.postDetails,
      count: deps.settings.enrichPosts,
      limits: { ...defaultDetailLimits, comments: deps.settings.commentsPerPost },
      now,
    });
    warnings.push(...enrichment.warnings);
    const history = await loadHistory(deps.store, report.date);
    const input: AnalystInput = {
      report,
      details: enrichment.details,
      comparison: compareWithHistory(report, history),
      language: deps.settings.language,
    };
    const analysis = deps.claude ? await claudeOrOffline(deps.claude, input, warnings, deps.log) : offlineAnalysis(input);
    return { ...report, analysis, warnings: [...report.warnings, ...warnings] };
  };
}

async function claudeOrOffline(claude: Claude, input: AnalystInput, warnings: string[], log?: Logger): Promise<Analysis> {
  let spent: TokenUsage | undefined;
  try {
    const answer = await analyzeWithClaude(claude, input);
    spent = answer.usage;
    const grounded = groundAnalysis(answer.sections, analysedPosts(input), { checkNumbers: true, comments: commentIndex(input.details) });
    if (grounded.droppedItems > 0) warnings.push(`${grounded.droppedItems} analysis item(s) cited posts that are not in the report and were dropped`);
    if (grounded.removedLinks > 0) warnings.push(`${grounded.removedLinks} link(s) to pages outside the report were removed from the analysis`);
    if (grounded.droppedQuotes > 0) warnings.push(`${grounded.droppedQuotes} commenter quote(s) did not match the comment they named and were dropped`);
    if (grounded.emptiedItems > 0) warnings.push(`${grounded.emptiedItems} analysis item(s) had nothing left once links and wrong numbers were taken out, and were dropped`);
    if (countItems(grounded.sections) === 0) throw new ClaudeAnalysisError('no item of the analysis could be tied to a post of the report', spent);
    return {
      sections: grounded.sections,
      citations: grounded.citations,
      model: answer.model,
      usage: answer.usage,
      source: 'claude',
      language: input.language,
      hasHistory: input.comparison.hasHistory,
    };
  } catch (error) {
    if (!(error instanceof ClaudeAnalysisError)) throw error;
    log?.warn({ err: error.message }, 'analysis: Claude failed, using the offline analyst');
    warnings.push(`Claude analysis unavailable (${error.message}); this report carries the automatic summary instead`);
    return { ...offlineAnalysis(input), usage: error.usage ?? spent ?? null };
  }
}

/** The posts an analysis may cite: the report's, and the earlier ones its comparison names. */
function analysedPosts(input: AnalystInput) {
  return firstOfEach([...reportPosts(input.report), ...input.comparison.earlierPosts]);
}

function offlineAnalysis(input: AnalystInput): Analysis {
  const sections: AnalysisSections = analyzeOffline(input);
  // The same grounding check as Claude's answer: cheap, and it builds the citations.
  const grounded = groundAnalysis(sections, analysedPosts(input), { checkNumbers: false });
  return {
    sections: grounded.sections,
    citations: grounded.citations,
    model: null,
    usage: null,
    source: 'offline',
    language: 'en',
    hasHistory: input.comparison.hasHistory,
  };
}

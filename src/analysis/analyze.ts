import type { Logger } from '../log.js';
import { seconds } from '../llm/answer-cap.js';
import type { Claude } from '../llm/claude.js';
import type { OpenAICompatible } from '../llm/openai.js';
import type { TokenUsage } from '../llm/usage.js';
import type { PostDetailsSource } from '../reddit/post-details.js';
import { defaultDetailLimits } from '../reddit/post-details.js';
import { reportBasis } from '../report/rank-basis.js';
import type { Store } from '../store/store.js';
import { AnalystError, type ModelAnalyst } from './analyst.js';
import { analyzeWithClaude } from './claude-analyst.js';
import { compareWithHistory } from './compare.js';
import { firstOfEach, reportPosts } from './report-posts.js';
import { enrichPosts } from './enrich.js';
import { countItems, groundAnalysis } from './grounding.js';
import { loadHistory } from './history.js';
import { commentIndex, type AnalystInput } from './input.js';
import { analyzeOffline } from './offline/analyst.js';
import { openAIAnalyst } from './openai-analyst.js';
import type { Analysis, AnalysisSections } from '../models/analysis.js';
import type { ReportStep } from '../report/step.js';

// The analysis step of the daily build: enrich the leading posts, compare with stored days, ask the
// configured model (Claude or an OpenAI-compatible server) and check its answer against the data; fall
// back to the offline analyst whenever the model is missing, failing or ungrounded. An error text is
// never published as an analysis.

/** ANALYSIS_DEADLINE_MS's default: a local model writing 8,000 tokens slowly, a repair and a retry fit in it. */
const DEFAULT_DEADLINE_MS = 600_000;

export interface AnalysisDeps {
  store: Store;
  details?: PostDetailsSource;
  claude?: Claude;
  /** An OpenAI-compatible server (main.ts wires at most one of the two). */
  openai?: OpenAICompatible;
  /** `deadlineMs` (ANALYSIS_DEADLINE_MS): the whole model analysis, every request and retry; default 10 minutes. */
  settings: { language: string; enrichPosts: number; commentsPerPost: number; deadlineMs?: number };
  log?: Logger;
}

export function createAnalysisStep(deps: AnalysisDeps): ReportStep {
  return async (report, now) => {
    const warnings: string[] = [];
    const enrichment = await enrichPosts({
      report,
      details: deps.details,
      cache: deps.store.postDetails,
      count: deps.settings.enrichPosts,
      limits: { ...defaultDetailLimits, comments: deps.settings.commentsPerPost },
      now,
    });
    warnings.push(...enrichment.warnings);
    const history = await loadHistory(deps.store, report.date, 30, report.view);
    const language = report.view?.language ?? deps.settings.language;
    const input: AnalystInput = {
      report,
      details: enrichment.details,
      comparison: compareWithHistory(report, history),
      language,
    };
    // Past MAX_REPORT_VIEWS distinct views today, a view carries the offline analysis (no model call).
    if (report.view?.overCap) warnings.push('This view is past the day\'s MAX_REPORT_VIEWS distinct analyses: it carries the automatic summary');
    const analyst = report.view?.overCap ? undefined : modelAnalyst(deps);
    // The offline analyst writes English only: said once, in the report's notes.
    if (!analyst && report.view?.language && !/^en\b/i.test(report.view.language)) warnings.push(`The automatic summary is in English (${report.view.language} needs a model: ANTHROPIC_API_KEY or OPENAI_BASE_URL)`);
    const deadlineMs = deps.settings.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const analysis = analyst ? await modelOrOffline(analyst, input, deadlineMs, warnings, deps.log) : offlineAnalysis(input);
    return { ...report, analysis, warnings: [...report.warnings, ...warnings] };
  };
}

function modelAnalyst(deps: AnalysisDeps): ModelAnalyst | undefined {
  const claude = deps.claude;
  if (claude) return { provider: 'claude', name: 'Claude', model: claude.settings.model, analyze: (input, signal) => analyzeWithClaude(claude, input, signal) };
  return deps.openai ? openAIAnalyst(deps.openai, deps.log) : undefined;
}

async function modelOrOffline(analyst: ModelAnalyst, input: AnalystInput, deadlineMs: number, warnings: string[], log?: Logger): Promise<Analysis> {
  let spent: TokenUsage | undefined;
  try {
    const answer = await withDeadline(deadlineMs, (signal) => analyst.analyze(input, signal));
    spent = answer.usage;
    const grounded = groundAnalysis(answer.sections, analysedPosts(input), { checkNumbers: true, comments: commentIndex(input.details) });
    if (grounded.droppedItems > 0) warnings.push(`${grounded.droppedItems} analysis item(s) cited posts that are not in the report and were dropped`);
    if (grounded.removedLinks > 0) warnings.push(`${grounded.removedLinks} link(s) to pages outside the report were removed from the analysis`);
    if (grounded.droppedQuotes > 0) warnings.push(`${grounded.droppedQuotes} commenter quote(s) did not match the comment they named and were dropped`);
    if (grounded.emptiedItems > 0) warnings.push(`${grounded.emptiedItems} analysis item(s) had nothing left once links and wrong numbers were taken out, and were dropped`);
    if (countItems(grounded.sections) === 0) throw new AnalystError('no item of the analysis could be tied to a post of the report', spent);
    if (answer.notes?.length) warnings.push(`${analyst.name} could not write all of the analysis (${answer.notes.join('; ')}); those sections are the automatic summary`);
    log?.info({ provider: analyst.provider, model: answer.model, usage: answer.usage }, 'analysis: written by the model');
    return {
      sections: grounded.sections,
      citations: grounded.citations,
      model: answer.model,
      usage: answer.usage,
      source: analyst.provider,
      language: input.language,
      hasHistory: input.comparison.hasHistory,
      movements: input.comparison.movements,
      ...(answer.offlineSections?.length ? { offlineSections: answer.offlineSections } : {}),
    };
  } catch (error) {
    if (!(error instanceof AnalystError)) throw error;
    log?.warn({ provider: analyst.provider, model: analyst.model, err: error.logDetail ?? error.message }, 'analysis: the model failed, using the offline analyst');
    warnings.push(`${analyst.name} analysis unavailable (${error.message}); this report carries the automatic summary instead`);
    return { ...offlineAnalysis(input), usage: error.usage ?? spent ?? null };
  }
}

/**
 * `run` with a signal that aborts at the deadline; past it, an AnalystError whatever `run` does. The SDKs'
 * timeouts cover only the wait for response headers: a server dripping its body, or never ending it,
 * held the report (and the morning post) forever.
 */
async function withDeadline<T>(deadlineMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new AnalystError(`it passed the ${seconds(deadlineMs)} s deadline, ANALYSIS_DEADLINE_MS`));
    }, deadlineMs);
  });
  const running = run(abort.signal);
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The posts an analysis may cite: the report's, and the earlier ones its comparison names. */
function analysedPosts(input: AnalystInput) {
  return firstOfEach([...reportPosts(input.report), ...input.comparison.earlierPosts]);
}

/** The offline analyst's analysis of `input`, grounded: what the step stores when no model writes it (pure). */
export function offlineAnalysis(input: AnalystInput): Analysis {
  const sections: AnalysisSections = analyzeOffline(input);
  // The same grounding check as Claude's answer: cheap, and it builds the citations. Its numbers are
  // computed from the data (totals included), so they are not checked; without numbers (the feeds) the
  // check runs anyway, as a net under the templates: any points or comments figure there is invented.
  const grounded = groundAnalysis(sections, analysedPosts(input), { checkNumbers: reportBasis(input.report) === 'reddit-order' });
  return {
    sections: grounded.sections,
    citations: grounded.citations,
    model: null,
    usage: null,
    source: 'offline',
    language: 'en',
    hasHistory: input.comparison.hasHistory,
    movements: input.comparison.movements,
  };
}

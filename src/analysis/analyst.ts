import type { TokenUsage } from '../llm/usage.js';
import type { AnalystInput } from './input.js';
import type { AnalysisSections } from '../models/analysis.js';

// The seam between the analysis step and a language model: Claude or any OpenAI-compatible server.
// Both get the same prompt (prompt.ts), the same schema (schema.ts) and the same grounding check
// (grounding.ts, in analyze.ts); only the call differs.

export interface ModelAnalysis {
  sections: AnalysisSections;
  usage: TokenUsage;
  /** The model that wrote it, as the server names it. */
  model: string;
}

export interface ModelAnalyst {
  provider: 'claude' | 'openai';
  /** For warnings a reader sees: "Claude", or the model id. */
  name: string;
  /** The configured model id, for logs. */
  model: string;
  /** `signal` aborts at the analysis' deadline: every request the analyst makes must pass it on. */
  analyze(input: AnalystInput, signal: AbortSignal): Promise<ModelAnalysis>;
}

/** An expected failure of a model (unreachable, refused, malformed): the offline analyst takes over. */
export class AnalystError extends Error {
  override name = 'AnalystError';
  constructor(
    /** Shown in the report's warnings, to everyone who reads it. */
    message: string,
    /** Tokens spent before it failed (a cut-off or malformed answer is still paid for). */
    readonly usage?: TokenUsage,
    /** For the operator's log only, when it says more than the warning may (an address a server named). */
    readonly logDetail?: string,
  ) {
    super(message);
  }
}

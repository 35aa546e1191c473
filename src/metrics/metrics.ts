import type { TokenUsage } from '../llm/usage.js';

// What the core reports about its work, as a small typed interface: the core calls these (one line per
// hook, `metrics?.…`), and only src/metrics/prometheus.ts knows prom-client. Without metrics (the CLI,
// tests) the hooks are skipped.

/** How one request to Reddit ended (one attempt: a retried call counts each attempt). */
export type RedditOutcome = 'ok' | 'rate_limited' | 'server_error' | 'client_error' | 'redirect' | 'auth' | 'timeout' | 'network' | 'malformed' | 'error';

/** Tokens a language model spent on one piece of work, and which provider and model did it. */
export interface LlmSpend {
  /** "anthropic" or "openai". */
  provider: string;
  model: string;
  usage: TokenUsage;
}

export interface Metrics {
  /** A report was built (not read from the store); `analysis` is its analysis's source (claude, offline, none…). */
  /** `view`: the report view's key (src/report/view.ts), 'day' for the day's report; its analysis cost is counted under it. */
  reportBuilt(analysis: string, spend?: LlmSpend, view?: string): void;
  redditRequest(outcome: RedditOutcome): void;
  /** A Reddit call waits and tries again (after a 429, a 5xx, a timeout, a dropped connection). */
  redditRetry(): void;
  /** A morning post's outcome on one platform (posted, recovered, retrying, failed, held, waiting). */
  delivery(platform: string, outcome: string): void;
  /** A follow-up question was answered: by the model ("claude", "openai"), offline, or refused. */
  followUp(source: string, spend?: LlmSpend): void;
  /** Starts timing a command; the returned function stops the timer. */
  commandStarted(command: string, platform: string): () => void;
}

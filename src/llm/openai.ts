import OpenAI from 'openai';
import type { Logger } from '../log.js';
import { describeRedirect, guardedFetch, isRedirect, type Shown } from './guarded-fetch.js';
import { classifyModelError, describeOverflow } from './model-errors.js';
import { effectiveContext, probeServer, type ServerInfo } from './server-info.js';

// The client for any OpenAI-compatible chat completions server: Ollama, llama.cpp's server, vLLM,
// LM Studio, or a hosted API. Everything comes from config (OPENAI_*); nothing is read from the
// environment behind our back (the SDK would otherwise pick up OPENAI_ORG_ID and the like).
// main.ts loads this file only when the provider is configured, so the SDK costs nothing otherwise:
// the rest of the code imports only its types and calls what it needs through OpenAICompatible.

export interface OpenAISettings {
  /** Ends in /v1 for most servers, e.g. http://localhost:11434/v1 (Ollama). */
  baseURL: string;
  /** Optional: local servers need none. */
  apiKey?: string;
  model: string;
  /** The server's context window: the prompt is trimmed to fit it with room for the answer. */
  contextTokens: number;
  /**
   * The wait for an answer to start (the SDK's timeout), and the longest silence inside a streamed answer.
   * Local models are slow: long by default. A whole analysis is bounded by ANALYSIS_DEADLINE_MS, a whole
   * follow-up answer by FOLLOWUP_ANSWER_DEADLINE_MS.
   */
  timeoutMs: number;
  maxRetries: number;
  /** USD per million tokens; unset, the cost is 0 (a model on your own machine). */
  price?: { input: number; output: number };
  /**
   * The slowest prompt reading expected, in tokens a second (OPENAI_PROMPT_TOKENS_PER_SECOND): the wait for
   * an answer's first token grows by the prompt's tokens at this speed (a CPU reads a long prompt for
   * minutes before it writes anything). Default 20.
   */
  promptTokensPerSecond?: number;
}

/** What the server said about itself, with the context prompts are fitted to (server-info.ts). */
export interface ServerContext {
  info: ServerInfo;
  /** The smaller of OPENAI_CONTEXT_TOKENS and the server's own context. */
  contextTokens: number;
}

export interface OpenAICompatible {
  client: OpenAI;
  settings: OpenAISettings;
  /**
   * One line naming the model, never the raw error body. `shown: 'report'` is for a line everyone reads
   * (a report's warnings): an address a server chose (a redirect's Location) is left out of it.
   */
  describeError(error: unknown, shown?: Shown): string;
  /** A 400: the server refused the request as it is (a parameter it does not know, a prompt too long). */
  isBadRequest(error: unknown): boolean;
  /** The server's context and tokenizer, asked once (a warning is logged when the setting disagrees); never rejects. */
  server(): Promise<ServerContext>;
  /** How long to wait for the first token of an answer to a prompt of `promptTokens` (see promptTokensPerSecond). */
  firstTokenTimeoutMs(promptTokens: number): number;
  /** Records the prompt speed a server reported (llama-server's timings), for the next waits. */
  learnPromptSpeed(tokensPerSecond: number): void;
}

export const DEFAULT_PROMPT_TOKENS_PER_SECOND = 20;

/** Sent when no key is configured: the SDK needs one, and local servers ignore it (Ollama's docs use "ollama"). */
const NO_KEY = 'no-key';

export function createOpenAI(settings: OpenAISettings, log?: Logger): OpenAICompatible {
  const client = new OpenAI({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey ?? NO_KEY,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    fetch: guardedFetch('OPENAI_BASE_URL'),
  });
  let server: Promise<ServerContext> | undefined;
  let learned: number | undefined;
  return {
    client,
    settings,
    describeError: (error, shown = 'log') => describeOpenAIError(error, settings, shown),
    isBadRequest: (error) => error instanceof OpenAI.BadRequestError,
    server: () =>
      (server ??= probeServer(settings, guardedFetch('OPENAI_BASE_URL', 1024 * 1024), log).then((info) => {
        const { contextTokens, warning } = effectiveContext(settings.contextTokens, info);
        if (warning) log?.warn({ provider: 'openai', server: info.kind, serverContextTokens: info.contextTokens, configured: settings.contextTokens }, `llm: ${warning}`);
        else if (info.kind !== 'unknown') log?.info({ provider: 'openai', server: info.kind, contextTokens, tokenizer: Boolean(info.tokenize) }, 'llm: the server told its context');
        return { info, contextTokens };
      })),
    firstTokenTimeoutMs: (promptTokens) => {
      // Never faster than the setting; slower when this server has shown it reads slower (half its measured speed).
      const speed = Math.min(settings.promptTokensPerSecond ?? DEFAULT_PROMPT_TOKENS_PER_SECOND, learned !== undefined ? learned / 2 : Infinity);
      return settings.timeoutMs + Math.ceil((Math.max(0, promptTokens) / speed) * 1000);
    },
    learnPromptSpeed: (tokensPerSecond) => {
      if (Number.isFinite(tokensPerSecond) && tokensPerSecond > 0) learned = tokensPerSecond;
    },
  };
}

/** One line naming the model, never the raw error body. */
function describeOpenAIError(error: unknown, settings: OpenAISettings, shown: Shown): string {
  const model = settings.model;
  // llama.cpp's shapes first (model-errors.ts): what they mean is not what their status says.
  const failure = classifyModelError(error);
  if (failure.kind === 'overflow') return `${model} could not read the prompt: ${describeOverflow(failure, settings.contextTokens)}`;
  if (failure.kind === 'truncated') return `${model} ran out of its token allowance (max_tokens) before its JSON was complete: the server could not close the answer`;
  if (error instanceof OpenAI.APIError && isRedirect(error.status)) {
    return describeRedirect('OPENAI_BASE_URL', error.status!, shown === 'log' ? error.headers?.get('location') : undefined);
  }
  if (error instanceof OpenAI.APIUserAbortError) return `${model} stopped sending its answer`;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return `${model} did not answer in time (OPENAI_TIMEOUT_MS)`;
  if (error instanceof OpenAI.APIConnectionError) return `the server at OPENAI_BASE_URL could not be reached (is it running?)`;
  if (error instanceof OpenAI.AuthenticationError) return 'the server refused the API key (check OPENAI_API_KEY)';
  if (error instanceof OpenAI.NotFoundError) return `the server does not know the model ${model} or the path (check OPENAI_MODEL and OPENAI_BASE_URL)`;
  if (error instanceof OpenAI.RateLimitError) return `${model} is rate-limiting us (429)`;
  if (error instanceof OpenAI.APIError) return `${model} answered ${error.status ?? 'an error'}`;
  return error instanceof Error ? error.message : String(error);
}

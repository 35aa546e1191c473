import OpenAI from 'openai';
import { describeRedirect, guardedFetch, isRedirect, type Shown } from './guarded-fetch.js';

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
}

/** Sent when no key is configured: the SDK needs one, and local servers ignore it (Ollama's docs use "ollama"). */
const NO_KEY = 'no-key';

export function createOpenAI(settings: OpenAISettings): OpenAICompatible {
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
  return {
    client,
    settings,
    describeError: (error, shown = 'log') => describeOpenAIError(error, settings.model, shown),
    isBadRequest: (error) => error instanceof OpenAI.BadRequestError,
  };
}

/** One line naming the model, never the raw error body. */
function describeOpenAIError(error: unknown, model: string, shown: Shown): string {
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

import Anthropic from '@anthropic-ai/sdk';
import type { ModelPrice } from './prices.js';

// The Claude client every part shares (analysis, follow-up answers). Model ids and endpoints come from
// config: ids change fast, and ANTHROPIC_BASE_URL serves proxies, gateways and the tests' fake.

export interface ClaudeSettings {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  priceOverride?: ModelPrice;
}

export interface Claude {
  client: Anthropic;
  settings: ClaudeSettings;
}

export function createClaude(settings: ClaudeSettings): Claude {
  const client = new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });
  return { client, settings };
}

/** One line for the operator, never the raw error body (which can be long or hold request details). */
export function describeClaudeError(error: unknown): string {
  if (error instanceof Anthropic.APIConnectionTimeoutError) return 'Claude did not answer in time';
  if (error instanceof Anthropic.APIConnectionError) return 'Claude could not be reached';
  if (error instanceof Anthropic.AuthenticationError) return 'Claude refused the API key (check ANTHROPIC_API_KEY)';
  if (error instanceof Anthropic.RateLimitError) return 'Claude is rate-limiting us (429)';
  if (error instanceof Anthropic.APIError) return `Claude answered ${error.status ?? 'an error'}${error.status === 529 ? ' (overloaded)' : ''}`;
  return error instanceof Error ? error.message : String(error);
}

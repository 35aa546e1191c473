import Anthropic from '@anthropic-ai/sdk';
import { knowClaudeErrors } from './claude-errors.js';
import { guardedFetch } from './guarded-fetch.js';
import type { ModelPrice } from './prices.js';

knowClaudeErrors(Anthropic);
export { describeClaudeError } from './claude-errors.js';

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
    // Never follows a redirect, and reads no body past a size no answer reaches (guarded-fetch.ts).
    fetch: guardedFetch('ANTHROPIC_BASE_URL'),
  });
  return { client, settings };
}

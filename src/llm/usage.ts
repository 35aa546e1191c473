import { priceOf, ratesFor, unknownPriceNote, type ModelPrice } from './prices.js';
import { formatCount } from '../text/count.js';

/** Tokens one call (or several, summed) used, and what they cost. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  /** USD from the price table; null when the model has no price there. */
  estimatedCostUsd: number | null;
}

/** The usage block of an Anthropic response (fields may be null or missing). */
export interface ApiUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

export function toTokenUsage(usage: ApiUsage | undefined, model: string, override?: ModelPrice): TokenUsage {
  const counts = {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheCreationInputTokens: usage?.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: usage?.cache_read_input_tokens ?? 0,
  };
  return { ...counts, estimatedCostUsd: estimateCost(counts, priceOf(model, override)) };
}

function estimateCost(counts: Omit<TokenUsage, 'estimatedCostUsd'>, price: ModelPrice | undefined): number | null {
  if (!price) return null;
  // Summed usages (several calls) are priced as one request: the long-prompt band of a model that has one
  // is then a close bound, not exact.
  const rates = ratesFor(price, counts.inputTokens + counts.cacheCreationInputTokens + counts.cacheReadInputTokens);
  const usd =
    (counts.inputTokens * rates.input +
      counts.outputTokens * rates.output +
      counts.cacheCreationInputTokens * rates.cacheWrite +
      counts.cacheReadInputTokens * rates.cacheRead) /
    1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}

/** "12,345 in (2,000 cached), 1,234 out, ≈ $0.0370" for logs and stderr; `model` names an unpriced model. */
export function describeUsage(usage: TokenUsage, model?: string): string {
  const n = (value: number) => formatCount(value);
  const cached = usage.cacheReadInputTokens ? `, ${n(usage.cacheReadInputTokens)} read from cache` : '';
  const written = usage.cacheCreationInputTokens ? `, ${n(usage.cacheCreationInputTokens)} written to cache` : '';
  const cost = usage.estimatedCostUsd === null ? (model ? unknownPriceNote(model) : 'cost unknown for this model') : `≈ $${usage.estimatedCostUsd.toFixed(4)}`;
  return `${n(usage.inputTokens)} input tokens${cached}${written}, ${n(usage.outputTokens)} output tokens, ${cost}`;
}

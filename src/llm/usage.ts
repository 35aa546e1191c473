import { priceOf, type ModelPrice } from './prices.js';

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
  const usd =
    (counts.inputTokens * price.input +
      counts.outputTokens * price.output +
      counts.cacheCreationInputTokens * price.cacheWrite +
      counts.cacheReadInputTokens * price.cacheRead) /
    1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}

/** "12,345 in (2,000 cached), 1,234 out, ≈ $0.0370" for logs and stderr. */
export function describeUsage(usage: TokenUsage): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const cached = usage.cacheReadInputTokens ? `, ${n(usage.cacheReadInputTokens)} read from cache` : '';
  const written = usage.cacheCreationInputTokens ? `, ${n(usage.cacheCreationInputTokens)} written to cache` : '';
  const cost = usage.estimatedCostUsd === null ? 'cost unknown for this model' : `≈ $${usage.estimatedCostUsd.toFixed(4)}`;
  return `${n(usage.inputTokens)} input tokens${cached}${written}, ${n(usage.outputTokens)} output tokens, ${cost}`;
}

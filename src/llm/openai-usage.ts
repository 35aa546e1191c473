import type { CompletionUsage } from 'openai/resources/completions';
import type { OpenAISettings } from './openai.js';
import { toTokenUsage, type TokenUsage } from './usage.js';

// Usage of an OpenAI-compatible call in our TokenUsage shape. Cached prompt tokens (hosted APIs report
// them; local servers do not) count as cache reads. The cost comes from OPENAI_PRICE_INPUT/OUTPUT only
// and is 0 without them: a model on your own machine costs nothing per token, and guessing a hosted
// provider's price from the model name would often be wrong.

export function openAIUsage(usage: CompletionUsage | null | undefined, settings: Pick<OpenAISettings, 'price'>): TokenUsage {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = Math.min(prompt, usage?.prompt_tokens_details?.cached_tokens ?? 0);
  const price = settings.price ?? { input: 0, output: 0 };
  return toTokenUsage(
    { input_tokens: prompt - cached, output_tokens: usage?.completion_tokens ?? 0, cache_read_input_tokens: cached },
    // The model id is not looked up: the override is always given.
    '',
    { input: price.input, output: price.output, cacheWrite: price.input, cacheRead: price.input },
  );
}

/** Two usages as one (an analysis and its repair request). */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  const cost = a.estimatedCostUsd === null || b.estimatedCostUsd === null ? null : Math.round((a.estimatedCostUsd + b.estimatedCostUsd) * 1_000_000) / 1_000_000;
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
    estimatedCostUsd: cost,
  };
}

import { describe, expect, it } from 'vitest';
import { priceOf } from '../../src/llm/prices.js';
import { describeUsage, toTokenUsage } from '../../src/llm/usage.js';

// The price table as published (see src/llm/prices.ts for the sources): one million tokens of each kind.

const million = { input_tokens: 1_000_000, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

describe('price table', () => {
  it('has the current 5.5 models, the longest id prefix winning', () => {
    expect(priceOf('claude-sonnet-5-5')).toMatchObject({ input: 2, output: 10, cacheRead: 0.1 });
    expect(priceOf('claude-sonnet-5')).toMatchObject({ input: 2, output: 10, cacheRead: 0.2 });
    expect(priceOf('claude-opus-5-5')).toMatchObject({ input: 4, output: 20 });
    expect(priceOf('claude-opus-5')).toMatchObject({ input: 5, output: 25 });
    expect(priceOf('claude-haiku-5-5')).toMatchObject({ input: 0.1, output: 0.5 });
    expect(priceOf('claude-haiku-5-5-20261007')).toMatchObject({ input: 0.1 });
  });

  it('bills a Haiku 5.5 request over 100k prompt tokens at the long-prompt band, output included', () => {
    const short = toTokenUsage({ input_tokens: 90_000, output_tokens: 1_000, cache_read_input_tokens: 10_000 }, 'claude-haiku-5-5');
    expect(short.estimatedCostUsd).toBeCloseTo((90_000 * 0.1 + 1_000 * 0.5 + 10_000 * 0.01) / 1e6, 6);
    const long = toTokenUsage({ input_tokens: 90_000, output_tokens: 1_000, cache_read_input_tokens: 10_001 }, 'claude-haiku-5-5');
    expect(long.estimatedCostUsd).toBeCloseTo((90_000 * 0.5 + 1_000 * 2.5 + 10_001 * 0.05) / 1e6, 6);
  });

  it('prices cache reads of Sonnet 5.5 at $0.10 and output of Opus 5.5 at $20 per million', () => {
    expect(toTokenUsage({ ...million, input_tokens: 0, cache_read_input_tokens: 1_000_000 }, 'claude-sonnet-5-5').estimatedCostUsd).toBe(0.1);
    expect(toTokenUsage({ ...million, input_tokens: 0, output_tokens: 1_000_000 }, 'claude-opus-5-5').estimatedCostUsd).toBe(20);
  });

  it('an unknown model gets no cost, and the usage line says so in one line instead of a number', () => {
    const usage = toTokenUsage(million, 'claude-future-9');
    expect(usage.estimatedCostUsd).toBeNull();
    const line = describeUsage(usage, 'claude-future-9');
    expect(line).toMatch(/no price known for claude-future-9: cost not estimated \(set ANTHROPIC_PRICES_USD_PER_MTOK/);
    expect(line).not.toMatch(/\$/);
    expect(line).not.toContain('\n');
  });
});

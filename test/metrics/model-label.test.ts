import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../src/metrics/prometheus.js';
import type { TokenUsage } from '../../src/llm/usage.js';
import { parseMetrics } from './prometheus-text.js';

// The model label comes from a server (the model id an OpenAI-compatible server names in its answer):
// one that names a new model every time, or a megabyte of one, would grow /metrics without end. Values
// are cut to a safe alphabet and length, and past a fixed number of them the rest count as "other".

const usage: TokenUsage = { inputTokens: 10, outputTokens: 5, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, estimatedCostUsd: 0.001 };

async function modelLabels(metrics: PrometheusMetrics): Promise<string[]> {
  const samples = parseMetrics(await metrics.text()).filter((s) => s.name === 'ai_trends_llm_tokens_total');
  return [...new Set(samples.map((s) => s.labels.model!))];
}

describe('the model label of the token and cost metrics', () => {
  it('keeps a model id as it is', async () => {
    const metrics = new PrometheusMetrics();
    metrics.followUp('openai', { provider: 'openai', model: 'qwen3:8b', usage });
    metrics.reportBuilt('claude', { provider: 'anthropic', model: 'claude-sonnet-5-5', usage });
    expect((await modelLabels(metrics)).sort()).toEqual(['claude-sonnet-5-5', 'qwen3:8b']);
  });

  it('cuts a hostile value to 64 characters of a safe alphabet', async () => {
    const metrics = new PrometheusMetrics();
    metrics.reportBuilt('openai', { provider: 'openai', model: `evil"} 1\n# HELP fake ${'x'.repeat(10_000)}`, usage });
    const [label] = await modelLabels(metrics);
    expect(label).toMatch(/^[A-Za-z0-9._:/-]{1,64}$/);
    expect(label!.startsWith('evil_')).toBe(true);
  });

  it('counts every model past the first 20 as "other"', async () => {
    const metrics = new PrometheusMetrics();
    for (let i = 0; i < 1_000; i++) metrics.followUp('openai', { provider: 'openai', model: `model-${i}`, usage });
    const labels = await modelLabels(metrics);
    expect(labels).toHaveLength(21);
    expect(labels).toContain('other');
    expect(labels).toContain('model-0');
    // Known ones keep counting under their own name.
    metrics.followUp('openai', { provider: 'openai', model: 'model-3', usage });
    expect(await modelLabels(metrics)).toHaveLength(21);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../src/metrics/prometheus.js';
import { closeAll, rejection, setup } from '../reddit/helpers.js';
import { freePort } from '../helpers/free-port.js';
import { parseMetrics, valueOf } from './prometheus-text.js';

// Every attempt of the real Reddit client against the fake Reddit lands in one outcome of
// ai_trends_reddit_requests_total, and every retry in ai_trends_reddit_retries_total.

afterEach(closeAll);

async function counts(metrics: PrometheusMetrics) {
  const samples = parseMetrics(await metrics.text());
  const outcomes = Object.fromEntries(samples.filter((s) => s.name === 'ai_trends_reddit_requests_total').map((s) => [s.labels.outcome, s.value]));
  return { outcomes, retries: valueOf(samples, 'ai_trends_reddit_retries_total') };
}

describe('Reddit request metrics', () => {
  it('counts answers, 5xx with their retries, 404s, redirects, broken bodies and timeouts by outcome', async () => {
    const metrics = new PrometheusMetrics();
    const h = await setup({}, { metrics, maxRetries: 2 });
    const top = '/r/LocalLLaMA/top';

    h.fake.inject(top, { kind: 'status', status: 503 }, 2);
    await h.client.getJson(top, { t: 'day' });
    expect(await counts(metrics)).toEqual({ outcomes: { server_error: 2, ok: 1 }, retries: 2 });

    h.fake.inject(top, { kind: 'status', status: 404 }, 1);
    await rejection(h.client.getJson(top));
    h.fake.inject(top, { kind: 'redirect', location: 'https://www.reddit.com/login' }, 1);
    await rejection(h.client.getJson(top));
    h.fake.inject(top, { kind: 'malformed' }, 1);
    await rejection(h.client.getJson(top));
    expect(await counts(metrics)).toEqual({ outcomes: { server_error: 2, ok: 1, client_error: 1, redirect: 1, malformed: 1 }, retries: 2 });

    h.fake.inject(top, { kind: 'delay', ms: 1_000 }, 1);
    await rejection(h.makeClient({ metrics, timeoutMs: 100, maxRetries: 0 }).getJson(top));
    expect((await counts(metrics)).outcomes.timeout).toBe(1);
  });

  it('counts a server that cannot be reached as network', async () => {
    const metrics = new PrometheusMetrics();
    const h = await setup({}, { metrics, maxRetries: 0 });
    const closed = `http://127.0.0.1:${await freePort()}`;
    // A token first (from the fake), then the API nowhere.
    await h.client.getJson('/r/LocalLLaMA/about');
    await rejection(h.makeClient({ metrics, apiBase: closed, maxRetries: 0 }).getJson('/r/LocalLLaMA/top'));
    expect((await counts(metrics)).outcomes).toEqual({ ok: 1, network: 1 });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { createClaude } from '../../src/llm/claude.js';
import { createOpenAI } from '../../src/llm/openai.js';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai.js';
import { ask, bindTo, LOCAL_MODEL, makeFollowUps, MODEL, sampleReport, tempStore } from '../followup/helpers.js';
import { memoryLog } from '../helpers/memory-log.js';

// A model server that answers with a redirect (a misconfigured proxy, or a hostile one): fetch would
// re-POST the day's posts and the user's question to the host it names (307/308 keep the body). The
// bot follows no redirect, to either provider: nothing reaches the other host, the request is not tried
// again, the operator's log names the setting to fix and where it pointed, and the report or the thread
// gets the offline analysis or answer as for any failure.

let servers: Array<{ close(): Promise<void> }> = [];
let store: Store | undefined;
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await store?.close();
  servers = [];
  store = undefined;
});

async function openAIPair(): Promise<{ model: FakeOpenAI; elsewhere: FakeOpenAI }> {
  const [model, elsewhere] = [await startFakeOpenAI(), await startFakeOpenAI()];
  servers.push(model, elsewhere);
  elsewhere.setDefault({ kind: 'message', content: 'Stolen [1].' });
  return { model, elsewhere };
}

async function anthropicPair(): Promise<{ model: FakeAnthropic; elsewhere: FakeAnthropic }> {
  const [model, elsewhere] = [await startFakeAnthropic(), await startFakeAnthropic()];
  servers.push(model, elsewhere);
  elsewhere.setDefault({ kind: 'message', content: [{ type: 'text', text: 'Stolen.' }] });
  return { model, elsewhere };
}

const settings = { language: 'en', enrichPosts: 0, commentsPerPost: 0 };

describe('a redirect from OPENAI_BASE_URL', () => {
  it.each([307, 302, 308] as const)('%i on a question: not followed, not retried, answered offline, the Location in the log', async (status) => {
    const { model, elsewhere } = await openAIPair();
    const location = `${elsewhere.baseURL}/chat/completions?token=abc`;
    model.setDefault({ kind: 'redirect', status, location });
    store = await tempStore();
    const report = sampleReport();
    await store.reports.set(report.date, report);
    const { log, text } = memoryLog();
    const followUps = makeFollowUps({ store, openai: model, maxRetries: 2, log });
    await followUps.bindThread(bindTo(report.date));

    const answer = await followUps.answer(ask('What is new?'));
    expect(answer.source).toBe('offline');
    expect(elsewhere.requests).toHaveLength(0);
    expect(model.requests).toHaveLength(1);
    expect(text()).toContain(`the server at OPENAI_BASE_URL redirected to ${elsewhere.baseURL}/chat/completions (HTTP ${status})`);
    expect(text()).toContain('set OPENAI_BASE_URL to the address to use');
    expect(text()).not.toContain('token=abc');
  });

  it('on the analysis: the offline analyst, and a warning naming OPENAI_BASE_URL but not the address it pointed to', async () => {
    const { model, elsewhere } = await openAIPair();
    model.setDefault({ kind: 'redirect', status: 307, location: `${elsewhere.baseURL}/chat/completions` });
    store = await tempStore();
    const openai = createOpenAI({ baseURL: model.baseURL, model: LOCAL_MODEL, contextTokens: 16_384, timeoutMs: 5_000, maxRetries: 1 });
    const report = sampleReport();
    const analysed = await createAnalysisStep({ store, openai, settings })(report, new Date(report.generatedAt));
    expect(analysed.analysis?.source).toBe('offline');
    expect(elsewhere.requests).toHaveLength(0);
    expect(model.requests).toHaveLength(1);
    const warning = analysed.warnings.find((w) => w.includes('analysis unavailable'));
    expect(warning).toContain('the server at OPENAI_BASE_URL redirected (HTTP 307)');
    expect(warning).not.toContain(elsewhere.baseURL);
  });
});

describe('a redirect from ANTHROPIC_BASE_URL', () => {
  it.each([
    [307, 'streamed'],
    [302, 'whole'],
  ] as const)('%i on a %s answer: not followed, answered offline, the Location in the log', async (status, how) => {
    const { model, elsewhere } = await anthropicPair();
    model.setDefault({ kind: 'redirect', status, location: `${elsewhere.baseURL}/v1/messages` });
    store = await tempStore();
    const report = sampleReport();
    await store.reports.set(report.date, report);
    const { log, text } = memoryLog();
    const followUps = makeFollowUps({ store, fake: model, maxRetries: 2, log });
    await followUps.bindThread(bindTo(report.date));

    let answer;
    if (how === 'streamed') {
      const { text: deltas, done } = followUps.answerStream(ask('What is new?'));
      for await (const _ of deltas);
      answer = await done;
    } else {
      answer = await followUps.answer(ask('What is new?'));
    }
    expect(answer.source).toBe('offline');
    expect(elsewhere.requests).toHaveLength(0);
    expect(model.requests).toHaveLength(1);
    expect(text()).toContain(`the server at ANTHROPIC_BASE_URL redirected to ${elsewhere.baseURL}/v1/messages (HTTP ${status})`);
  });

  it('on the analysis: the offline analyst, and a warning naming ANTHROPIC_BASE_URL', async () => {
    const { model, elsewhere } = await anthropicPair();
    model.setDefault({ kind: 'redirect', status: 308, location: `${elsewhere.baseURL}/v1/messages` });
    store = await tempStore();
    const claude = createClaude({ apiKey: 'test-key', baseURL: model.baseURL, model: MODEL, timeoutMs: 5_000, maxRetries: 2 });
    const report = sampleReport();
    const analysed = await createAnalysisStep({ store, claude, settings })(report, new Date(report.generatedAt));
    expect(analysed.analysis?.source).toBe('offline');
    expect(elsewhere.requests).toHaveLength(0);
    expect(model.requests).toHaveLength(1);
    expect(analysed.warnings.join('\n')).toContain('the server at ANTHROPIC_BASE_URL redirected (HTTP 308)');
  });
});

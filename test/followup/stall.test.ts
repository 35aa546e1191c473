import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FollowUps } from '../../src/followup/index.js';
import { createClaude } from '../../src/llm/claude.js';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { ask, defaultLimits, MODEL, sampleReport, tempStore, thread, bindTo } from './helpers.js';

// A stream that stops midway: the SDK's timeout only covers the wait for headers, so our own idle
// watchdog must end it, and the thread gets the offline answer instead of hanging.

let fake: FakeAnthropic;
let store: Store;
beforeEach(async () => {
  fake = await startFakeAnthropic();
  store = await tempStore();
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

describe('a stalled answer stream', () => {
  it('is aborted after the timeout without events and answered offline', async () => {
    const report = sampleReport();
    await store.reports.set(report.date, report);
    const claude = createClaude({ apiKey: 'test-key', baseURL: fake.baseURL, model: MODEL, timeoutMs: 300, maxRetries: 0 });
    const followUps = new FollowUps({ store, claude, limits: defaultLimits, clock: () => new Date('2026-02-11T09:30:00Z') });
    await followUps.bindThread(bindTo(report.date));
    // Events come, then a pause far longer than the timeout between them.
    fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'Seedance is trending because of a viral clip and more.' }], chunkDelayMs: 5_000 });
    const started = Date.now();
    const { text, done } = followUps.answerStream(ask('What about Seedance?'));
    for await (const _delta of text) {
      // drained
    }
    const answer = await done;
    expect(answer.source).toBe('offline');
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(answer.reply.blocks.some((b) => b.type === 'posts' || b.type === 'paragraph')).toBe(true);
  });
});

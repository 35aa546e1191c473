import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { ask, makeFollowUps, sampleReport, tempStore, thread, bindTo } from './helpers.js';

// Prompt caching on the sample report: the instructions, report and posts are one stable prefix above the
// 1024-token minimum; the second and later questions of a thread read it from the cache.

let fake: FakeAnthropic;
let store: Store;

beforeEach(async () => {
  fake = await startFakeAnthropic({ minCacheableTokens: 1024 });
  store = await tempStore();
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

describe('prompt caching in a thread', () => {
  it('marks system + report + posts cacheable; questions 2–5 pay mostly cache reads', async () => {
    const report = sampleReport();
    await store.reports.set(report.date, report);
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'A short answer of a sentence or two, as chat answers should be.' }] });
    const followUps = makeFollowUps({ store, fake });
    await followUps.bindThread(bindTo(report.date));
    const questions = ['What stands out today?', 'Which of these is about agents?', 'What do people think of it?', 'Anything on local models?', 'Summarise the week in two lines.'];
    const answers = [];
    for (const q of questions) answers.push(await followUps.answer(ask(q)));

    const requests = fake.requests;
    const prefix = requests[0]!.cacheableTokens;
    expect(prefix).toBeGreaterThanOrEqual(1024);
    expect(requests.every((r) => r.cacheableTokens === prefix)).toBe(true);
    // Only one breakpoint, on the last search result of the first message.
    const body = requests[4]!.body;
    const marked = JSON.stringify(body).match(/cache_control/g);
    expect(marked).toHaveLength(1);
    expect(body.messages[0].content.findLast((b: { type: string }) => b.type === 'search_result').cache_control).toEqual({ type: 'ephemeral' });

    expect(answers[0]!.usage).toMatchObject({ cacheCreationInputTokens: prefix, cacheReadInputTokens: 0 });
    for (const answer of answers.slice(1)) expect(answer.usage).toMatchObject({ cacheCreationInputTokens: 0, cacheReadInputTokens: prefix });
    // The 5th question carries four earlier exchanges, yet most of it is read from the cache.
    expect(requests[4]!.inputTokens).toBeGreaterThan(requests[0]!.inputTokens);
    expect(prefix / requests[4]!.inputTokens).toBeGreaterThan(0.9);
    // Usage is kept with each assistant turn.
    const turns = (await followUps.threadOf(thread))!.turns.filter((t) => t.role === 'assistant');
    expect(turns.map((t) => t.usage)).toEqual(answers.map((a) => a.usage));
  });
});

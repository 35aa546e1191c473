import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { ask, makeFollowUps, sampleReport, tempSqliteUrl, tempStore, thread, bindTo } from './helpers.js';
import type { Store } from '../../src/store/store.js';

// Threads are bound to a report in the store: a restart (a new FollowUps on a new handle to the same
// SQLite file) still answers in an old thread, with its earlier turns.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function storeAt(url: string): Promise<Store> {
  const store = await tempStore(url);
  open.push(store);
  return store;
}

async function fakeClaude(): Promise<FakeAnthropic> {
  const fake = await startFakeAnthropic();
  open.push(fake);
  return fake;
}

describe('thread binding', () => {
  it('survives a restart: a new FollowUps on a new store handle answers in the old thread with its turns', async () => {
    const url = tempSqliteUrl();
    const fake = await fakeClaude();
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'Answer one.' }] });
    const report = sampleReport();

    const first = await storeAt(url);
    await first.reports.set(report.date, report);
    const before = makeFollowUps({ store: first, fake });
    await before.bindThread(bindTo(report.date));
    expect((await before.answer(ask('First question?'))).source).toBe('claude');
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await storeAt(url);
    const after = makeFollowUps({ store: second, fake });
    const binding = await after.threadOf(thread);
    expect(binding).toMatchObject({ reportDate: report.date, target: { workspaceId: 'G1', channelId: 'C1', threadId: 'T1' } });
    expect(binding!.turns.map((t) => [t.role, t.text])).toEqual([
      ['user', 'First question?'],
      ['assistant', 'Answer one.'],
    ]);
    expect(binding!.turns[1]).toMatchObject({ source: 'claude', usage: { outputTokens: expect.any(Number) } });

    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'Answer two.' }] });
    const answer = await after.answer(ask('Second question?'));
    expect(answer.source).toBe('claude');
    // The earlier exchange goes with the new question, after the cached report prefix.
    const messages = fake.requests[1]!.body.messages;
    expect(messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1].content).toEqual([{ type: 'text', text: 'Answer one.' }]);
    expect(messages[2].content.at(-1).text).toContain('Second question?');
    expect((await after.threadOf(thread))!.turns).toHaveLength(4);
  });

  it('answers a question in an unbound thread with a clear reply, without calling Claude', async () => {
    const fake = await fakeClaude();
    const store = await storeAt(tempSqliteUrl());
    const answer = await makeFollowUps({ store, fake }).answer(ask('Hello?', { threadId: 'nope' }));
    expect(answer).toMatchObject({ source: 'refused', usage: null, reply: { private: true } });
    expect(answer.reply.blocks[0]).toMatchObject({ type: 'note', text: expect.stringMatching(/not linked to a report/) });
    expect(fake.requests).toHaveLength(0);
  });

  it('threads are per platform: the same id on Slack is another thread', async () => {
    const store = await storeAt(tempSqliteUrl());
    const followUps = makeFollowUps({ store });
    await followUps.bindThread(bindTo('2026-02-11'));
    expect(await followUps.threadOf({ ...thread, platform: 'slack' })).toBeUndefined();
  });

  it('re-binding to the same report keeps the turns; to another report starts afresh', async () => {
    const store = await storeAt(tempSqliteUrl());
    const report = sampleReport();
    await store.reports.set(report.date, report);
    const followUps = makeFollowUps({ store });
    await followUps.bindThread(bindTo(report.date));
    await followUps.answer(ask('agents'));
    await followUps.bindThread(bindTo(report.date));
    expect((await followUps.threadOf(thread))!.turns).toHaveLength(2);
    await followUps.bindThread(bindTo('2026-02-10'));
    expect((await followUps.threadOf(thread))!.turns).toHaveLength(0);
  });

  it('a thread whose report is gone, and an empty question, get clear replies', async () => {
    const store = await storeAt(tempSqliteUrl());
    const followUps = makeFollowUps({ store });
    await followUps.bindThread(bindTo('2025-01-01'));
    const gone = await followUps.answer(ask('anything?'));
    expect(gone.reply.blocks[0]).toMatchObject({ text: expect.stringMatching(/2025-01-01 report is no longer stored/) });
    const report = sampleReport();
    await store.reports.set(report.date, report);
    await followUps.bindThread(bindTo(report.date));
    const empty = await followUps.answer(ask('   '));
    expect(empty).toMatchObject({ source: 'refused', reply: { blocks: [{ text: expect.stringMatching(/^Ask a question about the 2026-02-11 report/) }] } });
  });

  it('sends only the latest turns, and clips long ones', async () => {
    const fake = await fakeClaude();
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'x'.repeat(3000) }] });
    const store = await storeAt(tempSqliteUrl());
    const report = sampleReport();
    await store.reports.set(report.date, report);
    const followUps = makeFollowUps({ store, fake });
    await followUps.bindThread(bindTo(report.date));
    for (let i = 1; i <= 6; i++) await followUps.answer(ask(`Question ${i}?`));
    const messages = fake.requests[5]!.body.messages;
    // 8 earlier turns (questions 2–5 and their answers) + the new question, alternating.
    expect(messages).toHaveLength(9);
    expect(JSON.stringify(messages)).not.toContain('Question 1?');
    expect(messages[1].content[0].text.length).toBeLessThan(1_600);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InFlight } from '../../src/chat/in-flight.js';
import type { ThreadTarget } from '../../src/chat/target.js';
import { answerInThread, questionClaimKey, RESTART_NOTE, type ThreadDoorDeps, type ThreadQuestion } from '../../src/followup/answer-in-thread.js';
import type { FollowUpAnswer } from '../../src/followup/index.js';
import type { Store } from '../../src/store/store.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { memoryLog } from '../helpers/memory-log.js';
import { bindTo, makeFollowUps, sampleReport, tempSqliteUrl, tempStore, thread } from './helpers.js';

// The rules of answering a question in a thread, once for every platform (the adapters only filter
// their events and map them to a question): on the in-memory chat platform, with the real follow-up
// service (offline answers) and a real SQLite store.

let store: Store;
let storeUrl: string;
beforeEach(async () => {
  storeUrl = tempSqliteUrl();
  store = await tempStore(storeUrl);
  const report = sampleReport();
  await store.reports.set(report.date, report);
});
afterEach(() => store.close());

/** A process's share of the door: its own in-flight work and follow-up service, on `on` (the shared store by default). */
function doorDeps(on: Store = store, overrides: Partial<ThreadDoorDeps> = {}): ThreadDoorDeps {
  return { followUps: makeFollowUps({ store: on }), store: on, inFlight: new InFlight(), log: memoryLog().log, editIntervalMs: 5, ...overrides };
}

const question = (deliveryId: string, where: Partial<ThreadTarget> = {}): ThreadQuestion => ({ target: { ...thread, ...where }, userId: 'U1', text: 'what about Seedance?', deliveryId });
/** Posts and final edits in `threadId` that carry an answer about Seedance. */
const answers = (chat: FakeChatAdapter, threadId = thread.threadId) => chat.of('post').filter((p) => p.target.threadId === threadId && /Seedance/.test(chat.messages.get(p.id) ?? ''));

describe('answerInThread', () => {
  it('answers a question in a bound thread there, and remembers the exchange with the thread', async () => {
    const deps = doorDeps();
    await makeFollowUps({ store }).bindThread(bindTo('2026-02-11'));
    const chat = new FakeChatAdapter();
    await answerInThread(chat, question('m1'), deps);
    expect(answers(chat)).toHaveLength(1);
    expect((await store.threads.get('discord:C1:T1'))!.turns.map((t) => t.role)).toEqual(['user', 'assistant']);
  });

  it('leaves a thread that is not bound to a report alone: no message, no claim left behind', async () => {
    const chat = new FakeChatAdapter();
    await answerInThread(chat, question('m2', { threadId: 'elsewhere' }), doorDeps());
    expect(chat.calls).toEqual([]);
    // The claim is still free: nothing was written for a message that was not a question to the bot.
    expect(await store.claims.claim(questionClaimKey('discord', 'm2'), 'probe', 1_000)).toBe(true);
  });

  it('answers a question once: delivered twice at once, or heard by two processes on one store; another question is answered too', async () => {
    await makeFollowUps({ store }).bindThread(bindTo('2026-02-11'));
    const chat = new FakeChatAdapter();
    const deps = doorDeps();
    const second = await tempStore(storeUrl);
    try {
      await Promise.all([answerInThread(chat, question('m3'), deps), answerInThread(chat, question('m3'), deps), answerInThread(chat, question('m3'), doorDeps(second))]);
      expect(answers(chat)).toHaveLength(1);
      await answerInThread(chat, question('m4'), deps);
      expect(answers(chat)).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('takes no question while the bot stops: nothing posted, nothing claimed', async () => {
    await makeFollowUps({ store }).bindThread(bindTo('2026-02-11'));
    const deps = doorDeps();
    await deps.inFlight.drain(0);
    const chat = new FakeChatAdapter();
    await answerInThread(chat, question('m5'), deps);
    expect(chat.calls).toEqual([]);
    expect(await store.claims.claim(questionClaimKey('discord', 'm5'), 'probe', 1_000)).toBe(true);
  });

  it('an answer a shutdown cuts ends with one restart note in its thread', async () => {
    await makeFollowUps({ store }).bindThread(bindTo('2026-02-11'));
    const endless = { text: (async function* () {})(), done: new Promise<FollowUpAnswer>(() => undefined) };
    const followUps = makeFollowUps({ store });
    const deps = doorDeps(store, { followUps: { threadOf: (t) => followUps.threadOf(t), answerStream: () => endless } });
    const chat = new FakeChatAdapter();
    void answerInThread(chat, question('m6'), deps);
    // Until the answer has begun, a stop is waited for.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await deps.inFlight.drain(50)).toBe(1);
    expect(chat.of('post').map((p) => [p.target.threadId, p.content])).toEqual([['T1', expect.stringContaining(RESTART_NOTE)]]);
  });

  it('a shutdown during the checks says nothing: the thread may not be the bot\'s', async () => {
    const deps = doorDeps(store, { followUps: { threadOf: () => new Promise(() => undefined), answerStream: () => { throw new Error('not reached'); } } });
    const chat = new FakeChatAdapter();
    void answerInThread(chat, question('m7'), deps);
    expect(await deps.inFlight.drain(50)).toBe(1);
    expect(chat.calls).toEqual([]);
  });

  it('a platform that refuses the answer: the door resolves, and the operator reads why and where', async () => {
    await makeFollowUps({ store }).bindThread(bindTo('2026-02-11'));
    const { log, lines } = memoryLog();
    const chat = new FakeChatAdapter();
    chat.failNext('post');
    await expect(answerInThread(chat, question('m8'), doorDeps(store, { log }))).resolves.toBeUndefined();
    expect(lines().find((l) => l.msg === 'discord: could not answer a question')).toMatchObject({ platform: 'discord', channel: 'C1', thread: 'T1', err: expect.stringMatching(/Missing Permissions/) });
  });
});

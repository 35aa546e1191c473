import { afterEach, describe, expect, it } from 'vitest';
import { streamAnswer } from '../../src/chat/stream.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai.js';
import { ask, bindTo, makeFollowUps, sampleReport, tempStore } from '../followup/helpers.js';
import { FakeChatAdapter } from './fake-chat-adapter.js';

// A hostile model's answer streamed into a thread, from the model server (the fake, over HTTP) to the chat
// platform (in memory): a 10 MB answer became 2,921 Discord messages in 70 s and one Slack message of
// 5 million characters; an endless one kept posting. Now the thread gets the answer's first part, cut
// at the length limit, in a few messages, and "typing" ends with the answer.

let fake: FakeOpenAI | undefined;
let store: Store | undefined;
afterEach(async () => {
  await fake?.close();
  await store?.close();
  fake = store = undefined;
});

const thread = { platform: 'discord' as const, workspaceId: 'G1', channelId: 'C1', threadId: 'T1' };

async function followUps(limits: { answerDeadlineMs?: number } = {}) {
  fake = await startFakeOpenAI();
  store = await tempStore();
  const report = sampleReport();
  await store.reports.set(report.date, report);
  // The model server's request limit well past what a loaded machine needs for 10 MB through the fake (the
  // helper's 5 s ran out once beside two other test files, and the offline answer came instead of the cut one).
  const answers = makeFollowUps({ store, openai: fake, limits, timeoutMs: 30_000 });
  await answers.bindThread(bindTo(report.date));
  return answers;
}

describe('a hostile answer streamed into a thread', { timeout: 20_000 }, () => {
  it('10 MB on Discord: at most three messages, the last saying the answer was cut', async () => {
    const answers = await followUps();
    fake!.enqueue({ kind: 'message', content: 'Seedance 2.0 is the story of the day, and people argue about it. '.repeat(160_000), chunkChars: 2_000 });
    const chat = new FakeChatAdapter({ limits: { editIntervalMs: 5 } });
    const { messages } = await streamAnswer(chat, thread, answers.answerStream(ask('What is new?')), { userId: 'U1' });
    expect(chat.of('post').length).toBeLessThanOrEqual(3);
    expect(messages.length).toBeLessThanOrEqual(3);
    const shown = messages.map((m) => chat.messages.get(m.messageId)!).join('\n');
    expect(shown.length).toBeLessThan(4_000);
    expect(shown).toContain('answer cut: it passed the length limit');
  });

  it('10 MB on a platform with native streaming (Slack): one message of at most the length limit', async () => {
    const answers = await followUps();
    fake!.enqueue({ kind: 'message', content: 'Seedance 2.0 is the story of the day. '.repeat(270_000), chunkChars: 2_000 });
    const chat = new FakeChatAdapter({ limits: { editIntervalMs: 5 }, native: {} });
    await streamAnswer(chat, thread, answers.answerStream(ask('What is new?')), { userId: 'U1' });
    const appended = chat.of('append').map((c) => c.text).join('');
    expect(appended.length).toBeLessThanOrEqual(3_150);
    expect(chat.of('stop')).toHaveLength(1);
  });

  it('empty deltas forever: typing stops at the deadline and the offline answer is posted', async () => {
    const answers = await followUps({ answerDeadlineMs: 800 });
    fake!.enqueue({ kind: 'endless', content: '', intervalMs: 10 });
    const chat = new FakeChatAdapter({ limits: { editIntervalMs: 5 } });
    const started = Date.now();
    const { answer } = await streamAnswer(chat, thread, answers.answerStream(ask('What is new?')), { userId: 'U1' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(answer.source).toBe('offline');
    expect(chat.of('post').length).toBeGreaterThan(0);
  });
});

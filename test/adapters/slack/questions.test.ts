import { afterEach, describe, expect, it } from 'vitest';
import { slackBlockText, type SlackBlock } from '../../../src/render/slack.js';
import { sendEvent, sendSlashCommand } from '../../fakes/slack/signing.js';
import type { FakeSlack } from '../../fakes/slack/web-api.js';
import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic.js';
import { citationOf, sampleReport } from '../../followup/helpers.js';
import { SECRET, startSlackHarness, type SlackHarness } from './harness.js';

// Questions in the thread under a Slack /trends answer, over signed Events API requests.

let h: SlackHarness | undefined;
let anthropic: FakeAnthropic | undefined;
afterEach(async () => {
  await h?.stop();
  await anthropic?.close();
  h = anthropic = undefined;
});

/** A harness with a /trends answer posted; returns its thread (bound to the sample report). */
async function withThread(options: Parameters<typeof startSlackHarness>[0] = {}) {
  h = await startSlackHarness(options);
  const { slack, url, store } = h;
  await sendSlashCommand(url, SECRET, { text: '', teamId: slack.teamId, responseUrl: slack.responseUrl('r') });
  await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
  const parent = slack.messages('C0000CHAN')[0]!;
  for (let i = 0; i < 50 && !(await store.threads.get(`slack:C0000CHAN:${parent.ts}`)); i++) await new Promise((r) => setTimeout(r, 10));
  return { slack, url, store, thread: parent.ts };
}

/** A thread whose next question Claude answers with `text`, citing today's top post, streamed in chunks. */
async function withClaudeThread(text: string, chunkDelayMs: number) {
  anthropic = await startFakeAnthropic();
  const opened = await withThread({ anthropic });
  const post = sampleReport().sections.today[0]!;
  anthropic.enqueue({ kind: 'message', content: [{ type: 'text', text, citations: [citationOf(post)] }], chunkDelayMs });
  return { ...opened, post };
}

const question = (thread: string, text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', channel: 'C0000CHAN', user: 'U0000USER', text, ts: '1770796999.000001', thread_ts: thread, ...extra });
const answersIn = (slack: FakeSlack, thread: string) => slack.messages('C0000CHAN').filter((m) => m.thread_ts === thread);

/** Waits until an answer with blocks (the final, grounded one) stands in the thread. */
async function answered(slack: FakeSlack, thread: string): Promise<void> {
  for (let i = 0; i < 200 && !answersIn(slack, thread).some((m) => m.blocks); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('Slack: questions in a report thread', () => {
  it('answers in the same thread with the posts it rests on, once per event id (a retry is ignored)', async () => {
    const { slack, url, thread } = await withThread();
    expect((await sendEvent(url, SECRET, question(thread, 'what about Seedance?'), { eventId: 'Ev1', teamId: slack.teamId })).status).toBe(200);
    expect((await sendEvent(url, SECRET, question(thread, 'what about Seedance?'), { eventId: 'Ev1', teamId: slack.teamId, retryNum: 1 })).status).toBe(200);
    await answered(slack, thread);
    await new Promise((r) => setTimeout(r, 200));
    const answers = answersIn(slack, thread);
    expect(answers).toHaveLength(1);
    const text = (answers[0]!.blocks as SlackBlock[]).map(slackBlockText).join('\n');
    expect(text).toMatch(/Seedance/);
    expect(text).toMatch(/<https:\/\/www\.reddit\.com\/comments\/\w+\|/);
  });

  it('ignores bots, edits, other threads and channel messages', async () => {
    const { slack, url, thread } = await withThread();
    await sendEvent(url, SECRET, question(thread, 'from a bot', { bot_id: 'B1' }), { eventId: 'Ev2', teamId: slack.teamId });
    await sendEvent(url, SECRET, question(thread, 'edited', { subtype: 'message_changed' }), { eventId: 'Ev3', teamId: slack.teamId });
    await sendEvent(url, SECRET, question('1770790000.000009', 'another thread'), { eventId: 'Ev4', teamId: slack.teamId });
    await sendEvent(url, SECRET, question(thread, 'no thread', { thread_ts: undefined }), { eventId: 'Ev5', teamId: slack.teamId });
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1); // the /trends answer only
  });

  it('a mention is answered once (app_mention), not twice', async () => {
    const { slack, url, thread } = await withThread();
    const text = `<@${slack.botUserId}> what about Kimi?`;
    await sendEvent(url, SECRET, question(thread, text), { eventId: 'Ev6', teamId: slack.teamId });
    await sendEvent(url, SECRET, { ...question(thread, text), type: 'app_mention' }, { eventId: 'Ev7', teamId: slack.teamId });
    await answered(slack, thread);
    await new Promise((r) => setTimeout(r, 200));
    expect(answersIn(slack, thread)).toHaveLength(1);
  });

  it('a 429 on the final chat.update is waited out (Retry-After): one answer, nothing lost', async () => {
    const { slack, url, thread } = await withThread();
    slack.failNext('chat.update', { status: 429, retryAfter: 1 });
    await sendEvent(url, SECRET, question(thread, 'what about Seedance?'), { eventId: 'Ev8', teamId: slack.teamId });
    for (let i = 0; i < 300 && slack.calls.filter((c) => c.method === 'chat.update').length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await answered(slack, thread);
    expect(slack.calls.filter((c) => c.method === 'chat.update')).toHaveLength(2);
    expect(answersIn(slack, thread)).toHaveLength(1);
    expect(JSON.stringify(answersIn(slack, thread)[0]!.blocks)).toMatch(/Seedance/);
  }, 15_000);
});

describe('Slack: streamed answers', () => {
  it('shows a status, streams through chat.startStream/appendStream, and ends with the grounded reply', async () => {
    const { slack, url, thread, post } = await withClaudeThread('The top post is a meme about the pace of AI. People agree with it. ', 15);
    await sendEvent(url, SECRET, question(thread, 'what is the top post?'), { eventId: 'EvS', teamId: slack.teamId });
    await slack.waitFor((c) => c.method === 'chat.stopStream', 8_000);
    const final = await slack.waitFor((c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks).includes(post.url), 5_000);
    const order = slack.calls.map((c) => c.method).filter((m) => /setStatus|Stream|chat.update/.test(m));
    expect(order[0]).toBe('assistant.threads.setStatus');
    expect(order).toContain('chat.startStream');
    expect(order).toContain('chat.appendStream');
    expect(slack.calls.find((c) => c.method === 'chat.startStream')!.args).toMatchObject({ thread_ts: thread, recipient_team_id: slack.teamId, recipient_user_id: 'U0000USER' });
    const stop = slack.calls.find((c) => c.method === 'chat.stopStream')!;
    expect(final.args.ts).toBe(stop.args.ts);
    // The cited links travel with the stop too, so the finished message has them even without the update.
    expect(JSON.stringify(stop.args.blocks)).toContain(post.url);
  });

  it('a stream that expires midway goes on in the same message by chat.update: one answer in the thread', async () => {
    const { slack, url, thread, post } = await withClaudeThread('The top post is a meme about the pace of AI. People agree with it. Some say it is old news. Others share their own. ', 30);
    // The first append goes through, every later one finds the stream gone.
    let appends = 0;
    slack.onCall((call) => (call.method === 'chat.appendStream' && ++appends > 1 ? { error: 'message_not_in_streaming_state' } : undefined));

    await sendEvent(url, SECRET, question(thread, 'what is the top post?'), { eventId: 'EvX', teamId: slack.teamId });
    await slack.waitFor((c) => c.method === 'chat.startStream', 8_000);
    const streamTs = answersIn(slack, thread)[0]!.ts;
    await slack.waitFor((c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks).includes(post.url), 8_000);
    const answers = answersIn(slack, thread);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.ts).toBe(streamTs);
    expect(JSON.stringify(answers[0]!.blocks)).toContain(post.url);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread)).toEqual([]);
  });

  it('falls back to a message and chat.update when streaming is refused', async () => {
    const { slack, url, thread } = await withThread();
    slack.failNext('chat.startStream', { error: 'not_allowed' });
    await sendEvent(url, SECRET, question(thread, 'what about Seedance?'), { eventId: 'EvF', teamId: slack.teamId });
    await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread, 5_000);
    expect(answersIn(slack, thread)).toHaveLength(1);
    expect(slack.calls.filter((c) => c.method === 'chat.appendStream')).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackBot } from '../../../adapters/slack/app.js';
import { createLogger } from '../../../src/log.js';
import { slackBlockText, type SlackBlock } from '../../../src/render/slack.js';
import { DailyReports } from '../../../src/report/daily.js';
import { sampleSource } from '../../../src/report/source.js';
import type { Store } from '../../../src/store/store.js';
import { SAMPLE_NOW } from '../../commands/helpers.js';
import { sendEvent, sendSlashCommand } from '../../fakes/slack/signing.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/web-api.js';
import { makeFollowUps } from '../../followup/helpers.js';
import { openTempStore } from '../../helpers/store.js';

// Questions in the thread under a Slack /trends answer, over signed Events API requests.

const SECRET = 'test-signing-secret';
let slack: FakeSlack | undefined;
let bot: SlackBot | undefined;
let store: Store | undefined;
afterEach(async () => {
  await bot?.stop(500);
  await slack?.close();
  await store?.close();
  bot = slack = store = undefined;
});

async function withThread() {
  slack = await startFakeSlack();
  store = await openTempStore('sample');
  bot = createSlackApp({
    botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: slack.apiUrl, botUserId: slack.botUserId, botId: slack.botId,
    services: { reports: new DailyReports(store, sampleSource()), store }, followUps: makeFollowUps({ store }), store,
    clock: () => SAMPLE_NOW, log: createLogger('silent'), retries: 1, editIntervalMs: 20,
  });
  const url = `http://127.0.0.1:${await bot.start(0)}`;
  await sendSlashCommand(url, SECRET, { text: '', teamId: slack.teamId, responseUrl: slack.responseUrl('r') });
  await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
  const parent = slack.messages('C0000CHAN')[0]!;
  for (let i = 0; i < 50 && !(await store.threads.get(`slack:C0000CHAN:${parent.ts}`)); i++) await new Promise((r) => setTimeout(r, 10));
  return { slack, url, thread: parent.ts };
}

const question = (thread: string, text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', channel: 'C0000CHAN', user: 'U0000USER', text, ts: '1770796999.000001', thread_ts: thread, ...extra });
const answersIn = (slack: FakeSlack, thread: string) => slack.messages('C0000CHAN').filter((m) => m.thread_ts === thread);

describe('Slack: questions in a report thread', () => {
  it('answers in the same thread with the posts it rests on, once per event id (a retry is ignored)', async () => {
    const { slack, url, thread } = await withThread();
    expect((await sendEvent(url, SECRET, question(thread, 'what about Seedance?'), { eventId: 'Ev1', teamId: slack.teamId })).status).toBe(200);
    expect((await sendEvent(url, SECRET, question(thread, 'what about Seedance?'), { eventId: 'Ev1', teamId: slack.teamId, retryNum: 1 })).status).toBe(200);
    await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread, 5_000);
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
    await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread, 5_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(answersIn(slack, thread)).toHaveLength(1);
  });

  it('a 429 on chat.postMessage is waited out (Retry-After): one answer', async () => {
    const { slack, url, thread } = await withThread();
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await sendEvent(url, SECRET, question(thread, 'what about Seedance?'), { eventId: 'Ev8', teamId: slack.teamId });
    await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread && slack.calls.filter((x) => x.method === 'chat.postMessage' && x.args.thread_ts === thread).length === 2, 8_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(answersIn(slack, thread)).toHaveLength(1);
  }, 15_000);
});

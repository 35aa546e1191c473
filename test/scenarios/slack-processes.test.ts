import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { sendEvent, sendSlashCommand } from '../fakes/slack/signing.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.js';
import { spawnBin, type RunningBin } from '../helpers/run-cli.js';

// Several bot processes behind one Slack HTTP endpoint: two real `ai-trends start` processes in Slack
// HTTP mode on one Redis, against the fake Slack. A load balancer may hand an event to either, and Slack
// redelivers it (X-Slack-Retry-Num) when an ack is late: whichever process receives it, and however many
// times, the question is answered once, through the store's claim on the event id.

const SECRET = 'signing-secret-123';
const CHANNEL = 'C0000CHAN';

let redis: TestRedis | undefined;
let slack: FakeSlack | undefined;
let store: Store | undefined;
const bots: RunningBin[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) bot.child.kill('SIGKILL');
  await store?.close();
  await slack?.close();
  await redis?.stop();
  redis = slack = store = undefined;
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function until(what: string, ready: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const start = Date.now(); !(await ready()); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - start > timeoutMs) throw new Error(`not in time: ${what}\n${bots.map((b) => b.stderr()).join('\n---\n')}`);
  }
}

const question = (thread: string, text: string) => ({ type: 'message', channel: CHANNEL, user: 'U0000USER', text, ts: `${Math.floor(Date.now() / 1000)}.000001`, thread_ts: thread });

describe.skipIf(!redisAvailable)('two Slack HTTP processes on one Redis', () => {
  it('answer an event delivered to both, and redelivered with X-Slack-Retry-Num, exactly once', async () => {
    redis = await startRedis();
    slack = await startFakeSlack();
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      urls.push(`http://127.0.0.1:${port}`);
      bots.push(spawnBin(['start'], { STORE_URL: redis.url, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''), PORT: String(port), LOG_LEVEL: 'info' }));
    }
    await until('both processes listening', () => bots.every((b) => /slack: connected/.test(b.stderr())), 30_000);

    // A /trends answer (through the first process) whose thread is bound to the report in the shared store.
    await sendSlashCommand(urls[0]!, SECRET, { text: '', teamId: slack.teamId, channelId: CHANNEL, responseUrl: slack.responseUrl('r') });
    await slack.waitFor((c) => c.method === 'chat.postMessage', 15_000);
    const thread = slack.messages(CHANNEL)[0]!.ts;
    store = await openStore(redis.url, 'sample');
    await until('the thread bound', async () => Boolean(await store!.threads.get(`slack:${CHANNEL}:${thread}`)), 10_000);
    const answers = () => slack!.messages(CHANNEL).filter((m) => m.thread_ts === thread && m.ts !== thread);

    // The same event to both processes at once, then Slack's redeliveries to each.
    const first = question(thread, 'what about Seedance?');
    const statuses = await Promise.all(urls.map((url) => sendEvent(url, SECRET, first, { eventId: 'EvBoth', teamId: slack!.teamId })));
    statuses.push(...(await Promise.all(urls.map((url, i) => sendEvent(url, SECRET, first, { eventId: 'EvBoth', teamId: slack!.teamId, retryNum: i + 1 })))));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    await until('an answer', () => answers().length > 0, 15_000);

    // Another event that only the second process receives: it answers too (each process does answer).
    await sendEvent(urls[1]!, SECRET, question(thread, 'and Kimi?'), { eventId: 'EvSecond', teamId: slack.teamId });
    await until('the second answer', () => answers().length > 1, 15_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(answers()).toHaveLength(2);
    expect(answers().map((m) => JSON.stringify(m.blocks ?? m.text))).toEqual([expect.stringMatching(/Seedance/i), expect.stringMatching(/Kimi/i)]);
  }, 60_000);
});

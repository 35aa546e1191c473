// `npm run bench`: the Slack adapter over HTTP (real Bolt App, signed requests) against the fake Web API
// on 127.0.0.1: 100 `/trends` commands on the stored report, one after another, each timed from sending
// the signed request to (a) its ack (the HTTP answer) and (b) the answer's chat.postMessage.
import { createSlackBot } from '../../adapters/slack/bot.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { SAMPLE_NOW } from '../commands/helpers.js';
import { sendSlashCommand } from '../fakes/slack/signing.js';
import { startFakeSlack } from '../fakes/slack/web-api.js';
import { makeFollowUps } from '../followup/helpers.js';
import { openTempStore } from '../helpers/store.js';

const RUNS = 100;
const SECRET = 'bench-signing-secret';
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

const slack = await startFakeSlack();
const store = await openTempStore('sample');
const bot = createSlackBot({
  botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl: slack.apiUrl, botUserId: slack.botUserId, botId: slack.botId,
  services: { reports: new DailyReports(store, sampleSource()), store }, followUps: makeFollowUps({ store }), store,
  clock: () => SAMPLE_NOW, log: createLogger('silent'),
});
const url = `http://127.0.0.1:${await bot.start(0)}`;
const command = { text: '', teamId: slack.teamId, responseUrl: slack.responseUrl('bench') };

// The day's report is built once and stored; every run below reads it.
await sendSlashCommand(url, SECRET, command);
await slack.waitFor((c) => c.method === 'chat.postMessage', 20_000);

const acks: number[] = [];
const posted: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const before = slack.calls.length;
  const started = Date.now();
  const { status, ms } = await sendSlashCommand(url, SECRET, command);
  if (status !== 200) throw new Error(`ack ${status}`);
  const post = await slack.waitFor((c) => slack.calls.indexOf(c) >= before && c.method === 'chat.postMessage', 5_000);
  acks.push(ms);
  posted.push(post.at - started);
}

console.log(`Slack /trends over HTTP, ${RUNS} signed commands on the stored 2026-02-11 report (fake Web API on 127.0.0.1)`);
console.log(`  request → ack (HTTP 200)           median ${percentile(acks, 50).toFixed(1)} ms, p99 ${percentile(acks, 99).toFixed(1)} ms (goal p99 ≤ 50 ms)`);
console.log(`  request → answer chat.postMessage  median ${percentile(posted, 50)} ms, p99 ${percentile(posted, 99)} ms (goal p99 ≤ 250 ms)`);
await bot.stop(100);
await slack.close();
await store.close();

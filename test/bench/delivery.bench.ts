// `npm run bench`: the morning post fanned out to 1,000 Discord and 1,000 Slack channels in one pass,
// through the fakes with their rate limits enforced, by the real discord.js Client and Slack Web API
// client: each platform's time against the floor its limits allow (requests ÷ rate), as a ratio, and
// the posts per channel (0 duplicates, 0 lost).
//
// Limits: Discord's published global limit, 50 requests a second per bot. Slack publishes about one
// chat.postMessage a second per channel and "several hundred a minute" per workspace without a number:
// the bench assumes 50 a second per workspace (the ratio, not the absolute time, is what it measures).
import { startDiscord } from '../../adapters/discord/bot.js';
import { createSlackBot } from '../../adapters/slack/bot.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import { loadSample } from '../../src/sample/sample.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack } from '../fakes/slack/web-api.js';
import { makeFollowUps } from '../followup/helpers.js';
import { openTempStore } from '../helpers/store.js';
import { samplePassDeps, subscribeChannels } from '../helpers/morning.js';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 1000);
const DISCORD_PER_SECOND = 50;
const SLACK_WORKSPACE_PER_SECOND = 50;

const discord = await startFakeDiscord({ globalRateLimit: { perSecond: DISCORD_PER_SECOND } });
const slack = await startFakeSlack({ rateLimits: { perChannelPerSecond: 1, workspacePerSecond: SLACK_WORKSPACE_PER_SECOND } });
const discordChannels = [discord.channelId, ...Array.from({ length: CHANNELS - 1 }, (_, i) => discord.addChannel({ guildId: discord.guildId, name: `news-${i}` }))];
const slackChannels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i).padStart(8, '0')}`);

const store = await openTempStore('sample');
const log = createLogger('silent');
const now = new Date('2026-02-11T08:00:30Z');
await subscribeChannels(store, 'discord', discord.guildId, discordChannels);
await subscribeChannels(store, 'slack', slack.teamId, slackChannels);
const reports = new DailyReports(store, sampleSource());
// The report is built before the fan-out (as REPORT_PREPARE_MINUTES does), so only posting is timed.
await reports.get({ now: loadSample().now });

const followUps = makeFollowUps({ store });
const discordBot = await startDiscord({ settings: { token: discord.token, applicationId: discord.applicationId, apiBase: discord.apiBase, messageContent: true }, services: { reports, store }, followUps, store, clock: () => now, log, listen: false });
// Slack first without a known cap (its 429s pace the fan-out); a second run below with it.
const slackBot = createSlackBot({ botToken: 'xoxb-bench', signingSecret: 'bench-signing-secret', apiUrl: slack.apiUrl, botUserId: slack.botUserId, botId: slack.botId, services: { reports, store }, followUps, store, clock: () => now, log });

const discordBefore = discord.acceptedAt.length;
const slackBefore = slack.accepted.length;
const started = Date.now();
const items = await deliveryPass(samplePassDeps({ store, reports, chats: { discord: discordBot.chat, slack: slackBot.chat }, followUps, log }), { now });

function measure(from: number, name: string, accepted: readonly number[], before: number, perSecond: number, perChannel: number[]) {
  const requests = accepted.length - before;
  const elapsed = (accepted.at(-1)! - from) / 1000;
  // The floor the limit allows: requests ÷ rate.
  const floor = requests / perSecond;
  const duplicates = perChannel.filter((n) => n > 1).length;
  const lost = perChannel.filter((n) => n === 0).length;
  console.log(`  ${name.padEnd(8)} ${requests} requests in ${elapsed.toFixed(1)} s; floor ${floor.toFixed(1)} s at ${perSecond}/s → ${(elapsed / floor).toFixed(2)}× the floor; ${duplicates} duplicates, ${lost} lost`);
}

console.log(`Morning post to ${CHANNELS} Discord and ${CHANNELS} Slack channels in one pass (fakes on 127.0.0.1, limits enforced; ${items.filter((i) => i.outcome === 'posted').length} posted)`);
measure(started, 'Discord', discord.acceptedAt, discordBefore, DISCORD_PER_SECOND, discordChannels.map((c) => discord.messages(c).filter((m) => m.author.id === discord.botUser.id).length));
measure(started, 'Slack', slack.accepted, slackBefore, SLACK_WORKSPACE_PER_SECOND, slackChannels.map((c) => slack.messages(c).filter((m) => !m.thread_ts).length));
console.log(`  429s answered: Discord ${discord.rateLimited}, Slack ${slack.rateLimited}`);
await discordBot.stop(0);
await discord.close();
await slack.close();
await store.close();

// Slack again with the workspace's cap known (SLACK_POSTS_PER_MINUTE just under it): posts go evenly.
const pacedSlack = await startFakeSlack({ rateLimits: { perChannelPerSecond: 1, workspacePerSecond: SLACK_WORKSPACE_PER_SECOND } });
const pacedStore = await openTempStore('sample');
await subscribeChannels(pacedStore, 'slack', pacedSlack.teamId, slackChannels);
const pacedReports = new DailyReports(pacedStore, sampleSource());
await pacedReports.get({ now: loadSample().now });
const pacedFollowUps = makeFollowUps({ store: pacedStore });
const postsPerMinute = (SLACK_WORKSPACE_PER_SECOND - 3) * 60;
const pacedBot = createSlackBot({ postsPerMinute, botToken: 'xoxb-bench', signingSecret: 'bench-signing-secret', apiUrl: pacedSlack.apiUrl, botUserId: pacedSlack.botUserId, botId: pacedSlack.botId, services: { reports: pacedReports, store: pacedStore }, followUps: pacedFollowUps, store: pacedStore, clock: () => now, log });
const pacedStarted = Date.now();
await deliveryPass(samplePassDeps({ store: pacedStore, reports: pacedReports, chats: { slack: pacedBot.chat }, followUps: pacedFollowUps, log }), { now });
console.log(`Slack again with SLACK_POSTS_PER_MINUTE=${postsPerMinute} (the workspace's cap known):`);
measure(pacedStarted, 'Slack', pacedSlack.accepted, 0, SLACK_WORKSPACE_PER_SECOND, slackChannels.map((c) => pacedSlack.messages(c).filter((m) => !m.thread_ts).length));
console.log(`  429s answered: Slack ${pacedSlack.rateLimited}`);
await pacedSlack.close();
await pacedStore.close();

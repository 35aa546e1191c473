import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/bot.js';
import { createSlackBot } from '../../adapters/slack/bot.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack } from '../fakes/slack/web-api.js';
import { makeFollowUps } from '../followup/helpers.js';
import { openTempStore } from '../helpers/store.js';
import { samplePassDeps, stopMorning, subscribeChannels, type MorningRig } from '../helpers/morning.js';

// A 429 storm: the fakes allow a few requests a second (Discord globally, Slack per workspace and per
// channel); the real discord.js and Slack clients are slowed down by it, and every channel still gets
// its one post, with none lost and none twice.

const rig: MorningRig = {};
afterEach(() => stopMorning(rig));

describe('a morning pass in a 429 storm', () => {
  it('is slowed down and loses nothing on Discord and Slack', async () => {
    const discord = (rig.discord = await startFakeDiscord({ globalRateLimit: { perSecond: 8 } }));
    const slack = (rig.slack = await startFakeSlack({ rateLimits: { perChannelPerSecond: 1, workspacePerSecond: 4 } }));
    const discordChannels = [discord.channelId, ...Array.from({ length: 9 }, (_, i) => discord.addChannel({ guildId: discord.guildId, name: `news-${i}` }))];
    const slackChannels = Array.from({ length: 10 }, (_, i) => `C0STORM${i}`);
    const store = (rig.store = await openTempStore('sample'));
    await subscribeChannels(store, 'discord', discord.guildId, discordChannels);
    await subscribeChannels(store, 'slack', slack.teamId, slackChannels);
    const reports = new DailyReports(store, sampleSource());
    const followUps = makeFollowUps({ store });
    const log = createLogger('silent');
    const bot = (rig.bot = await startDiscord({ settings: { token: discord.token, applicationId: discord.applicationId, apiBase: discord.apiBase, messageContent: true }, services: { reports, store }, followUps, store, clock: () => new Date(), log, listen: false }));
    const slackBot = createSlackBot({ botToken: 'xoxb-storm', signingSecret: 'storm-signing-secret', apiUrl: slack.apiUrl, botUserId: slack.botUserId, botId: slack.botId, services: { reports, store }, followUps, store, clock: () => new Date(), log, retries: 10 });

    const items = await deliveryPass(samplePassDeps({ store, reports, chats: { discord: bot.chat, slack: slackBot.chat }, followUps, log }), { now: new Date('2026-02-11T08:00:30Z') });
    expect(items.map((i) => i.outcome)).toEqual(Array(20).fill('posted'));
    expect(discord.rateLimited).toBeGreaterThan(0);
    expect(slack.rateLimited).toBeGreaterThan(0);
    for (const channelId of discordChannels) expect(discord.messages(channelId).filter((m) => m.author.id === discord.botUser.id)).toHaveLength(1);
    for (const channelId of slackChannels) expect(slack.messages(channelId).filter((m) => !m.thread_ts)).toHaveLength(1);
  }, 60_000);
});

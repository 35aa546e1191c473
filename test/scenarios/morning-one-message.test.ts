import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/bot.js';
import { createSlackBot } from '../../adapters/slack/bot.js';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack } from '../fakes/slack/web-api.js';
import { makeFollowUps } from '../followup/helpers.js';
import { samplePassDeps, stopMorning, subscribeChannels, type MorningRig } from '../helpers/morning.js';
import { openTempStore } from '../helpers/store.js';

// The summary's morning post is one message on every platform, with the report built as `npm start`
// builds it (the offline analysis and its highlights): on Discord a post with its chart and a thread, two
// requests a channel, the highlights that do not fit left to /trends analysis; on Slack one post.

const rig: MorningRig = {};
afterEach(() => stopMorning(rig));

describe('the summary as one message', () => {
  it('Discord: two requests a channel (the post with its chart, the thread); Slack: one post', async () => {
    const discord = (rig.discord = await startFakeDiscord());
    const slack = (rig.slack = await startFakeSlack());
    const store = (rig.store = await openTempStore('sample'));
    const log = createLogger('silent');
    const channels = [discord.channelId, ...Array.from({ length: 4 }, (_, i) => discord.addChannel({ guildId: discord.guildId, name: `news-${i}` }))];
    await subscribeChannels(store, 'discord', discord.guildId, channels);
    await subscribeChannels(store, 'slack', slack.teamId, ['C0MORNING']);
    const reports = new DailyReports(store, sampleSource(), [createAnalysisStep({ store, settings: loadConfig({}, '0').analysis, log })]);
    const followUps = makeFollowUps({ store });
    const bot = (rig.bot = await startDiscord({ settings: { token: discord.token, applicationId: discord.applicationId, apiBase: discord.apiBase, messageContent: true }, services: { reports, store }, followUps, store, clock: () => new Date(), log, listen: false }));
    const slackBot = createSlackBot({ botToken: 'xoxb-one', signingSecret: 'one-signing-secret', apiUrl: slack.apiUrl, botUserId: slack.botUserId, botId: slack.botId, services: { reports, store }, followUps, store, clock: () => new Date(), log, retries: 0 });
    const { report } = await reports.get({ now: new Date('2026-02-11T08:00:00Z') });
    // The day has more highlights than fit in one Discord message.
    expect(report.analysis?.sections.highlights.flatMap((t) => t.items).length).toBeGreaterThan(2);
    const before = discord.calls.length;

    const items = await deliveryPass(samplePassDeps({ store, reports, chats: { discord: bot.chat, slack: slackBot.chat }, followUps, log }), { now: new Date('2026-02-11T08:00:30Z') });
    expect(items.map((i) => i.outcome)).toEqual(Array(6).fill('posted'));

    const requests = discord.calls.slice(before).filter((c) => c.auth && c.method !== 'GET');
    expect(requests.map((c) => c.path.replace(/\d{15,}/g, ':id')).sort()).toEqual([...Array(5).fill('/channels/:id/messages'), ...Array(5).fill('/channels/:id/messages/:id/threads')]);
    for (const channel of channels) {
      const posts = discord.messages(channel).filter((m) => m.author.id === discord.botUser.id);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.content.length).toBeLessThanOrEqual(2_000);
      expect(posts[0]!.content).toMatch(/## Highlights/);
      expect(posts[0]!.content).toMatch(/\d+ more highlights?: \/trends analysis\./);
      expect(posts[0]!.attachments).toHaveLength(1);
      // Nothing in the thread but what people ask there.
      expect(discord.messages(posts[0]!.id)).toEqual([]);
    }
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    // Slack's message holds the whole summary (its five highlights); Discord's, fewer.
    const more = (text: string) => Number(/(\d+) more highlights?: \/trends analysis/.exec(text)?.[1] ?? 0);
    const slackMore = more(JSON.stringify(slack.messages('C0MORNING')[0]!.blocks));
    expect(more(discord.messages(channels[0]!).find((m) => m.author.id === discord.botUser.id)!.content)).toBeGreaterThan(slackMore);
  });
});

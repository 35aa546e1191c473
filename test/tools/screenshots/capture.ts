import { startDiscord } from '../../../adapters/discord/bot.js';
import { createSlackBot } from '../../../adapters/slack/bot.js';
import { createAnalysisStep } from '../../../src/analysis/analyze.js';
import { createLogger } from '../../../src/log.js';
import { DailyReports } from '../../../src/report/daily.js';
import { sampleSource } from '../../../src/report/source.js';
import { deliveryPass } from '../../../src/schedule/pass.js';
import { startFakeDiscord } from '../../fakes/discord/index.js';
import type { StoredMessage } from '../../fakes/discord/state.js';
import { startFakeSlack, type SlackStoredMessage } from '../../fakes/slack/web-api.js';
import { makeFollowUps } from '../../followup/helpers.js';
import { samplePassDeps, stopMorning, subscribeChannels, type MorningRig } from '../../helpers/morning.js';
import { openTempStore } from '../../helpers/store.js';
import { storeSyntheticHistory, syntheticWeek } from '../../helpers/synthetic-week.js';

// The real morning post of the sample day, delivered by the real discord.js client and Bolt's Web API
// client to the fakes on 127.0.0.1, with the offline analysis (no credentials), and what each fake
// received, for the README's pictures. Wired as test/scenarios/morning-chart.test.ts wires its morning post.

/** The morning's delivery time on the sample day (subscriptions are at 08:00 UTC). */
export const MORNING = new Date('2026-02-11T08:00:30Z');

/** The Slack channel subscribed (the fake Slack keeps no channel names: the picture calls it #ai-news). */
const SLACK_CHANNEL = 'C0MORNING';
/** How many of the thread's first messages the pictures show. */
const THREAD_MESSAGES = 2;

/** A Discord message as the fake stored it: its Markdown and its image attachments. */
export interface CapturedDiscordMessage {
  author: { username: string; bot: boolean };
  content: string;
  images: Array<{ filename: string; description?: string; png: Buffer }>;
}

/** A Slack message as chat.postMessage carried it. */
export interface CapturedSlackMessage {
  text: string;
  blocks: unknown[];
}

export interface CapturedMorning {
  discord: { channelName: string; post: CapturedDiscordMessage; thread: { name: string; messages: CapturedDiscordMessage[] } | undefined };
  slack: { channelName: string; post: CapturedSlackMessage; thread: CapturedSlackMessage[]; files: Array<{ filename: string; title?: string; alt_text?: string; png: Buffer }> };
}

/** Runs one delivery pass for a Discord channel and a Slack channel subscribed at 08:00 UTC and returns what each fake got. */
export async function captureMorning(): Promise<CapturedMorning> {
  const rig: MorningRig = {};
  try {
    const discord = (rig.discord = await startFakeDiscord());
    const slack = (rig.slack = await startFakeSlack());
    const store = (rig.store = await openTempStore('sample'));
    await storeSyntheticHistory(store, syntheticWeek());
    await subscribeChannels(store, 'discord', discord.guildId, [discord.channelId]);
    await subscribeChannels(store, 'slack', slack.teamId, [SLACK_CHANNEL]);
    const log = createLogger('silent');
    const reports = new DailyReports(store, sampleSource(), [createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } })]);
    const followUps = makeFollowUps({ store });
    const bot = (rig.bot = await startDiscord({ settings: { token: discord.token, applicationId: discord.applicationId, apiBase: discord.apiBase, messageContent: true }, services: { reports, store }, followUps, store, clock: () => MORNING, log, listen: false }));
    const slackBot = createSlackBot({ botToken: 'xoxb-shots', signingSecret: 'shots-signing-secret', apiUrl: slack.apiUrl, botUserId: slack.botUserId, botId: slack.botId, services: { reports, store }, followUps, store, clock: () => MORNING, log, retries: 0 });
    const items = await deliveryPass(samplePassDeps({ store, reports, chats: { discord: bot.chat, slack: slackBot.chat }, followUps, log }), { now: MORNING });
    const failed = items.filter((i) => i.outcome !== 'posted');
    if (failed.length) throw new Error(`The morning post did not go out: ${JSON.stringify(failed)}. Run the delivery tests (npx vitest run test/schedule) to see why.`);

    const fromBot = (m: StoredMessage) => m.author.id === discord.botUser.id;
    const discordMessage = (m: StoredMessage): CapturedDiscordMessage => ({
      author: { username: m.author.username, bot: Boolean(m.author.bot) },
      content: m.content,
      images: m.attachments.filter((a) => a.content_type === 'image/png' && a.data).map((a) => ({ filename: a.filename, description: a.description, png: a.data! })),
    });
    const post = discord.messages(discord.channelId).find(fromBot);
    if (!post) throw new Error('The fake Discord received no message from the bot.');
    const threadChannel = post.thread_id ? discord.channel(post.thread_id) : undefined;
    const thread = threadChannel ? { name: threadChannel.name ?? '', messages: discord.messages(threadChannel.id).filter(fromBot).slice(0, THREAD_MESSAGES).map(discordMessage) } : undefined;

    const slackMessages = slack.messages(SLACK_CHANNEL);
    const top = slackMessages.find((m) => !m.thread_ts);
    if (!top) throw new Error('The fake Slack received no message from the bot.');
    const slackMessage = (m: SlackStoredMessage): CapturedSlackMessage => ({ text: m.text ?? '', blocks: m.blocks ?? [] });
    return {
      discord: { channelName: discord.channel(discord.channelId)?.name ?? 'general', post: discordMessage(post), thread },
      slack: {
        channelName: 'ai-news',
        post: slackMessage(top),
        thread: slackMessages.filter((m) => m.thread_ts === top.ts && m.ts !== top.ts).slice(0, THREAD_MESSAGES).map(slackMessage),
        files: slack.files.filter((f) => f.data && f.completed).map((f) => ({ filename: f.filename, title: f.title, alt_text: f.alt_text, png: f.data! })),
      },
    };
  } finally {
    await stopMorning(rig);
  }
}

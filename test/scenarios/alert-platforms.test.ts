import { afterEach, describe, expect, it } from 'vitest';
import { alertSetting } from '../../src/alerts/channels.js';
import { lookOnce, type WatcherDeps } from '../../src/alerts/watcher.js';
import type { ChatAdapter } from '../../src/chat/adapter.js';
import type { Platform } from '../../src/chat/target.js';
import { createLogger } from '../../src/log.js';
import { slackBlockText, type SlackBlock } from '../../src/render/slack.js';
import type { Store } from '../../src/store/store.js';
import { startHarness, type DiscordHarness } from '../adapters/discord/harness.js';
import { SECRET, startSlackHarness, type SlackHarness } from '../adapters/slack/harness.js';
import { startFakeReddit, type FakeReddit, type RawPost } from '../fakes/reddit.js';
import { sendEvent, sendSlashCommand } from '../fakes/slack/signing.js';
import { makeFollowUps } from '../followup/helpers.js';
import { clientFor, NOW, rawPost } from '../reddit/helpers.js';

// Alerts end to end on each platform, with the real discord.js client and the real Bolt app against the
// fakes: an admin turns alerts on with the platform's command (a member is refused and nothing is stored),
// a post takes off on the fake Reddit, the watcher's look alerts the channel once with a thread bound to the
// day's report, and a question asked in that thread is answered there.

let discord: DiscordHarness | undefined;
let slack: SlackHarness | undefined;
let reddit: FakeReddit | undefined;
afterEach(async () => {
  await discord?.stop();
  await slack?.stop();
  await reddit?.close();
  discord = slack = reddit = undefined;
});

const at = (minutes: number) => new Date((NOW + minutes * 60) * 1000);
let posts: RawPost[];

async function takingOff(): Promise<FakeReddit> {
  posts = [rawPost('calm1', 'LocalLLaMA', { score: 40, created_utc: NOW - 3_600 }), rawPost('hot1', 'LocalLLaMA', { title: 'A model everyone talks about', score: 100, created_utc: NOW - 1_800 })];
  return startFakeReddit({ posts, now: NOW + 86_400 });
}

function watcher(store: Store, platform: Platform, chat: ChatAdapter): WatcherDeps {
  return {
    store,
    reddit: clientFor(reddit!),
    communities: ['LocalLLaMA'],
    chats: { [platform]: chat },
    bindThread: makeFollowUps({ store }).bindReportThread,
    settings: { pollMs: 15 * 60_000, perDay: 3 },
    owner: 'watcher',
    claimTtlMs: 30_000,
    log: createLogger('silent'),
  };
}

async function until(what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const start = Date.now(); !(await ready()); await new Promise((r) => setTimeout(r, 20))) if (Date.now() - start > timeoutMs) throw new Error(`not in time: ${what}`);
}

describe('Discord: /trends-alerts, then an alert with its thread', () => {
  it('a member is refused; an admin turns alerts on; a post taking off alerts once; a question in its thread is answered', async () => {
    reddit = await takingOff();
    discord = await startHarness();
    const { fake, store, bot } = discord;
    const target = { platform: 'discord' as const, workspaceId: fake.guildId, channelId: fake.channelId };

    fake.slashCommand({ name: 'trends-alerts', options: [{ name: 'state', value: 'on' }], memberPermissions: '0' });
    await fake.waitForMessage((m) => /only admins can use \/trends-alerts/.test(m.content), 5_000);
    expect(await alertSetting(store, target)).toBeUndefined();

    fake.slashCommand({ name: 'trends-alerts', options: [{ name: 'state', value: 'on' }, { name: 'level', value: 'normal' }], memberPermissions: '32' });
    await until('alerts on', async () => (await alertSetting(store, target)) !== undefined);
    expect(await alertSetting(store, target)).toMatchObject({ level: 'normal' });

    // The first look sees the post; 15 minutes later it has gained 600 points (2,400 an hour).
    expect((await lookOnce(watcher(store, 'discord', bot.chat), at(0))).outcomes).toEqual([]);
    posts[1]!.score = 700;
    expect((await lookOnce(watcher(store, 'discord', bot.chat), at(15))).outcomes).toEqual([{ channel: fake.channelId, post: 'hot1', outcome: 'posted' }]);
    posts[1]!.score = 1_500;
    expect((await lookOnce(watcher(store, 'discord', bot.chat), at(30))).outcomes).toEqual([{ channel: fake.channelId, post: 'hot1', outcome: 'already' }]);

    const alerts = fake.messages(fake.channelId).filter((m) => m.author.id === fake.botUser.id && m.webhook_id === undefined);
    expect(alerts).toHaveLength(1);
    expect(JSON.stringify(alerts[0])).toContain('A model everyone talks about');
    const threadId = alerts[0]!.thread_id!;
    expect(threadId).toBeDefined();
    expect(await store.threads.get(`discord:${fake.channelId}:${threadId}`)).toMatchObject({ reportDate: '2026-02-11' });

    const botInThread = () => fake.messages(threadId).filter((m) => m.author.id === fake.botUser.id && m.id !== threadId);
    expect(botInThread()).toHaveLength(0);
    fake.userMessage({ channelId: threadId, content: 'what is new about Seedance?' });
    await until('an answer in the alert thread', () => botInThread().some((m) => m.content.length > 0 || m.embeds.length > 0), 15_000);
  }, 60_000);
});

describe('Slack: /trends alerts on normal, then an alert with its thread', () => {
  it('a member is refused; an admin turns alerts on; a post taking off alerts once; a question in its thread is answered', async () => {
    reddit = await takingOff();
    slack = await startSlackHarness();
    const { slack: fake, store, bot, url } = slack;
    fake.addUser({ id: 'UMEMBER', is_admin: false });
    fake.addUser({ id: 'UADMIN', is_admin: true });
    const channelId = 'C0000CHAN';
    const target = { platform: 'slack' as const, workspaceId: fake.teamId, channelId };
    const command = (text: string, userId: string) => ({ text, teamId: fake.teamId, channelId, userId, responseUrl: fake.responseUrl('r1') });

    await sendSlashCommand(url, SECRET, command('alerts on normal', 'UMEMBER'));
    await until('the refusal', () => fake.responses.length > 0);
    expect(JSON.stringify(fake.responses[0]!.body)).toMatch(/only admins can use \/trends alerts/);
    expect(await alertSetting(store, target)).toBeUndefined();

    await sendSlashCommand(url, SECRET, command('alerts on normal', 'UADMIN'));
    await until('alerts on', async () => (await alertSetting(store, target)) !== undefined);

    expect((await lookOnce(watcher(store, 'slack', bot.chat), at(0))).outcomes).toEqual([]);
    posts[1]!.score = 700;
    expect((await lookOnce(watcher(store, 'slack', bot.chat), at(15))).outcomes).toEqual([{ channel: channelId, post: 'hot1', outcome: 'posted' }]);
    posts[1]!.score = 1_500;
    expect((await lookOnce(watcher(store, 'slack', bot.chat), at(30))).outcomes.map((o) => o.outcome)).toEqual(['already']);

    // The channel holds the admin's public confirmation and the alert.
    const alerts = fake.messages(channelId).filter((m) => !m.thread_ts && JSON.stringify(m).includes('A model everyone talks about'));
    expect(alerts).toHaveLength(1);
    const thread = alerts[0]!.ts;
    expect(await store.threads.get(`slack:${channelId}:${thread}`)).toMatchObject({ reportDate: '2026-02-11' });

    const question = { type: 'message', channel: channelId, user: 'UMEMBER', text: 'what is new about Seedance?', ts: '1770796999.000001', thread_ts: thread };
    expect((await sendEvent(url, SECRET, question, { eventId: 'EvAlert1', teamId: fake.teamId })).status).toBe(200);
    await until('an answer in the alert thread', () => fake.messages(channelId).some((m) => m.thread_ts === thread && m.blocks !== undefined && m.ts !== thread), 15_000);
    const answer = fake.messages(channelId).find((m) => m.thread_ts === thread && m.blocks !== undefined && m.ts !== thread)!;
    expect((answer.blocks as SlackBlock[]).map(slackBlockText).join('\n').length).toBeGreaterThan(0);
  }, 60_000);
});

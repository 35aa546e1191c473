import { afterEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import type { ChatAdapter } from '../../src/chat/adapter.js';
import type { Store } from '../../src/store/store.js';
import { startHarness, type DiscordHarness } from '../adapters/discord/harness.js';
import { startSlackHarness, type SlackHarness } from '../adapters/slack/harness.js';
import { makeFollowUps } from '../followup/helpers.js';
import { samplePassDeps, subscribeChannels } from '../helpers/morning.js';

// The morning post on each platform through the one path production uses (deliveryPass → postMorning →
// deliver), with the real discord.js client and Bolt's Web API client against the fakes: posted with the
// rest in its thread and the thread bound, and each platform's refusals classified as the pass needs them
// (permanent: the subscription pauses with the hint an admin reads; retryable: the pass tries again later).

let discord: DiscordHarness | undefined;
let slack: SlackHarness | undefined;
afterEach(async () => {
  await discord?.stop();
  await slack?.stop();
  discord = slack = undefined;
});

const NOW = new Date('2026-02-11T08:00:30Z');

/** One pass over the store's subscriptions, posting with `chat`; the report has its offline analysis, as in the app. */
function pass(store: Store, platform: 'discord' | 'slack', chat: ChatAdapter) {
  const reports = new DailyReports(store, sampleSource(), [createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } })]);
  return deliveryPass(samplePassDeps({ store, reports, chats: { [platform]: chat }, followUps: makeFollowUps({ store }), log: createLogger('silent') }), { now: NOW });
}

describe('Discord: the morning post', () => {
  it('posts the full report, opens its thread from the first message, binds it, and records the ids', async () => {
    discord = await startHarness();
    const { fake, store, bot } = discord;
    await subscribeChannels(store, 'discord', fake.guildId, [fake.channelId], { sections: ['full'] });
    expect((await pass(store, 'discord', bot.chat)).map((i) => i.outcome)).toEqual(['posted']);
    const record = await store.deliveries.get(`discord:${fake.channelId}:2026-02-11`);
    expect(record).toMatchObject({ state: 'done', messageId: expect.any(String) });
    // A thread started from a message has that message's id.
    expect(record!.threadId).toBe(record!.messageId);
    expect(fake.messages(record!.threadId!).filter((m) => m.author.id === fake.botUser.id).length).toBeGreaterThan(1);
    expect(await store.threads.get(`discord:${fake.channelId}:${record!.threadId}`)).toMatchObject({ reportDate: '2026-02-11' });
  });

  it('a channel without Send Messages: failed for good, the subscription paused with the permission named', async () => {
    discord = await startHarness();
    const { fake, store, bot } = discord;
    await subscribeChannels(store, 'discord', fake.guildId, [fake.channelId]);
    // Refused twice: with the chart, then again without it (a missing Attach Files alone costs only the chart).
    fake.failNext({ method: 'POST', path: /\/channels\/\d+\/messages$/ }, { status: 403, body: { code: 50013, message: 'Missing Permissions' } }, 2);
    expect((await pass(store, 'discord', bot.chat)).map((i) => i.outcome)).toEqual(['failed']);
    const paused = (await store.subscriptions.get(`discord:${fake.channelId}`))!.paused;
    expect(paused).toMatchObject({ code: 'missing_permissions', hint: expect.stringContaining('Send Messages') });
  });
});

describe('Slack: the morning post', () => {
  it('posts the full report, continues in its thread, binds it, and records the ts', async () => {
    slack = await startSlackHarness();
    const { store, bot } = slack;
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['C0MORNING'], { sections: ['full'] });
    expect((await pass(store, 'slack', bot.chat)).map((i) => i.outcome)).toEqual(['posted']);
    const record = await store.deliveries.get('slack:C0MORNING:2026-02-11');
    expect(record).toMatchObject({ state: 'done', threadId: record!.messageId });
    const messages = slack.slack.messages('C0MORNING');
    expect(messages[0]!.ts).toBe(record!.messageId);
    expect(messages.slice(1).every((m) => m.thread_ts === record!.messageId)).toBe(true);
    expect(messages.length).toBeGreaterThan(1);
    expect(await store.threads.get(`slack:C0MORNING:${record!.messageId}`)).toMatchObject({ reportDate: '2026-02-11', target: { workspaceId: slack.slack.teamId } });
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth'])('%s: failed for good, the subscription paused with that code', async (code) => {
    slack = await startSlackHarness();
    const { store, bot } = slack;
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['CGONE']);
    slack.slack.failNext('chat.postMessage', { error: code });
    expect((await pass(store, 'slack', bot.chat)).map((i) => i.outcome)).toEqual(['failed']);
    expect((await store.subscriptions.get('slack:CGONE'))!.paused).toMatchObject({ code });
  });

  it('a 5xx is retried a bounded number of times: once it passes, one message; past the retries, the pass retries later', async () => {
    slack = await startSlackHarness({ retries: 1 });
    const { store, bot } = slack;
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['C0FLAKY']);
    slack.slack.failNext('chat.postMessage', { status: 500 });
    expect((await pass(store, 'slack', bot.chat)).map((i) => i.outcome)).toEqual(['posted']);
    expect(slack.slack.messages('C0FLAKY')).toHaveLength(1);

    await subscribeChannels(store, 'slack', slack.slack.teamId, ['C0DOWN']);
    slack.slack.failNext('chat.postMessage', { status: 503 }, 2);
    const outcomes = Object.fromEntries((await pass(store, 'slack', bot.chat)).map((i) => [i.target.channelId, i.outcome]));
    expect(outcomes).toEqual({ C0FLAKY: 'done', C0DOWN: 'retrying' });
    expect(slack.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0DOWN')).toHaveLength(2);
    expect(slack.slack.messages('C0DOWN')).toEqual([]);
    expect(await store.deliveries.get('slack:C0DOWN:2026-02-11')).toMatchObject({ state: 'retrying', problem: { code: expect.any(String) } });
  }, 20_000);
});

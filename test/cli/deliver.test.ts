import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import type { Subscription } from '../../src/store/records.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';
import { subscribeChannels } from '../helpers/morning.js';

// `ai-trends deliver` end to end: the real bin in a child process posts the morning report with the real
// discord.js Client and Slack Web API client to the fakes, on a real SQLite store, once.

let discord: FakeDiscord | undefined;
let slack: FakeSlack | undefined;
afterEach(async () => {
  await discord?.close();
  await slack?.close();
  discord = slack = undefined;
});

const NOW = '2026-02-11T08:05:00Z';

async function seed(storeUrl: string, subscriptions: Array<Pick<Subscription, 'target'> & Partial<Subscription>>): Promise<void> {
  // No Reddit credentials (REDDIT_SOURCE=sample, the test helper's default): the bundled sample, in the store's sample scope.
  const store = await openStore(storeUrl, 'sample');
  for (const { target, ...fields } of subscriptions) await subscribeChannels(store, target.platform, target.workspaceId, [target.channelId], fields);
  await store.close();
}

function env(storeUrl: string): Record<string, string> {
  return {
    STORE_URL: storeUrl,
    DISCORD_TOKEN: discord!.token,
    DISCORD_APPLICATION_ID: discord!.applicationId,
    DISCORD_API_BASE: discord!.apiBase,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'signing-secret-123',
    SLACK_API_URL: slack!.apiUrl.replace(/\/$/, ''),
    LOG_LEVEL: 'info',
  };
}

const botPosts = (fake: FakeDiscord, channelId: string) => fake.messages(channelId).filter((m) => m.author.id === fake.botUser.id);

describe('ai-trends deliver', () => {
  it('posts each due channel once on Discord and Slack, pauses a deleted channel, and a second run posts nothing', async () => {
    discord = await startFakeDiscord();
    slack = await startFakeSlack();
    const second = discord.addChannel({ guildId: discord.guildId, name: 'ai-news' });
    const storeUrl = tempStoreUrl();
    await seed(storeUrl, [
      { target: { platform: 'discord', workspaceId: discord.guildId, channelId: discord.channelId } },
      { target: { platform: 'discord', workspaceId: discord.guildId, channelId: second }, sections: ['summary', 'week'] },
      { target: { platform: 'discord', workspaceId: discord.guildId, channelId: '123456789012345678' } },
      { target: { platform: 'slack', workspaceId: slack.teamId, channelId: 'C0MORNING' } },
      // Not due yet at 08:05 UTC.
      { target: { platform: 'slack', workspaceId: slack.teamId, channelId: 'C0LATER' }, time: '09:00' },
    ]);

    const dry = await runBin(['deliver', '--now', NOW, '--dry-run'], env(storeUrl));
    expect(dry.code).toBe(0);
    expect(dry.stdout.match(/^would post: /gm)).toHaveLength(4);
    expect(discord.callsTo('POST', /\/messages$/)).toEqual([]);

    const run = await runBin(['deliver', '--now', NOW], env(storeUrl));
    expect(run.stdout).toMatch(new RegExp(`^posted: discord ${discord.guildId}/${discord.channelId}, report 2026-02-11`, 'm'));
    expect(run.stdout).toMatch(/^failed for good, subscription paused: discord .*\/123456789012345678/m);
    expect(run.code).toBe(1);
    // The log has one line per post with where, which report, the outcome and how long it took.
    expect(run.stderr).toMatch(/"platform":"slack","channel":"C0MORNING",.*"reportDate":"2026-02-11","outcome":"posted","durationMs":\d+/);

    for (const channel of [discord.channelId, second]) {
      const posts = botPosts(discord, channel);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.content).toMatch(/Reddit AI Trend Report - 2026-02-11/);
    }
    // Sections in the subscription's order: the week's list follows the summary (in the thread when long).
    const weekly = discord.calls.filter((c) => c.method === 'POST' && /\/messages$/.test(c.path) && JSON.stringify(c.body).includes('Weekly Popular Posts'));
    expect(weekly.length).toBeGreaterThan(0);
    // Every message went out with mentions off and the morning marker on the first.
    const first = discord.callsTo('POST', new RegExp(`/channels/${discord.channelId}/messages$`))[0]!;
    expect(first.body).toMatchObject({ nonce: 'ait-morning-2026-02-11', enforce_nonce: true, allowed_mentions: { parse: [] } });
    const slackPost = slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0MORNING')!;
    expect(slackPost.args.metadata).toMatchObject({ event_type: 'ai_trends_post', event_payload: { marker: 'ait-morning-2026-02-11' } });
    expect(slack.messages('C0MORNING').filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(slack.messages('C0LATER')).toEqual([]);

    const status = await runBin(['status', '--format', 'json', '--now', NOW], { STORE_URL: storeUrl });
    const parsed = JSON.parse(status.stdout) as { posts: Array<{ target: { channelId: string }; state: string }>; subscriptions: Array<{ target: { channelId: string }; paused?: { code: string } }> };
    expect(Object.fromEntries(parsed.posts.map((p) => [p.target.channelId, p.state]))).toEqual({
      [discord.channelId]: 'done',
      [second]: 'done',
      '123456789012345678': 'failed',
      C0MORNING: 'done',
    });
    expect(parsed.subscriptions.find((s) => s.target.channelId === '123456789012345678')?.paused?.code).toBe('channel_not_found');
    const text = await runBin(['status', '--now', NOW], { STORE_URL: storeUrl });
    expect(text.stdout).toMatch(/PAUSED since 2026-02-11: channel_not_found/);

    // The thread under each post is bound to the report: questions there are answered from it.
    const store = await openStore(storeUrl, 'sample');
    const record = await store.deliveries.get(`discord:${discord.channelId}:2026-02-11`);
    expect(record).toMatchObject({ state: 'done', attempts: 1 });
    expect(await store.threads.get(`discord:${discord.channelId}:${record!.threadId}`)).toMatchObject({ reportDate: '2026-02-11' });
    await store.close();

    const again = await runBin(['deliver', '--now', NOW], env(storeUrl));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^done earlier: /m);
    expect(again.stdout).toMatch(/^paused: /m);
    expect(botPosts(discord, discord.channelId)).toHaveLength(1);
    expect(slack.messages('C0MORNING').filter((m) => !m.thread_ts)).toHaveLength(1);
  }, 60_000);

  it('names what is missing when no platform is configured (exit 2)', async () => {
    const result = await runBin(['deliver'], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no chat platform is configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID, or SLACK_BOT_TOKEN/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { openStore } from '../../../src/store/store.js';
import { shardOf, snowflakeOnShard, startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/web-api.js';
import { subscribeChannels } from '../../helpers/morning.js';
import { redisAvailable, startRedis, type TestRedis } from '../../helpers/redis.js';
import { spawnBin, type RunningBin } from '../../helpers/run-cli.js';
import { startHarness } from './harness.js';
import { setAlerts } from '../../../src/alerts/channels.js';
import type { ChatTarget } from '../../../src/chat/target.js';
import { startFakeReddit } from '../../fakes/reddit.js';
import { rawPost } from '../../reddit/helpers.js';

// DISCORD_SHARDS=auto: the real bin's `start` runs discord.js's ShardingManager, which forks one real
// process per shard (src/shard.ts under tsx) against the fake Discord, all on one Redis. The fake
// recommends 2 shards and gives each session only the guilds of its shard, so a slash command reaches
// one process only; the morning posts of channels on both shards are each made once, by the owner, and
// the manager itself runs Slack and its posts.

let redis: TestRedis | undefined;
let fake: FakeDiscord | undefined;
let slack: FakeSlack | undefined;
let bot: RunningBin | undefined;
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await fake?.close();
  await slack?.close();
  await redis?.stop();
  redis = fake = slack = bot = undefined;
});

interface LogLine {
  msg: string;
  pid?: number;
  shards?: number[];
  channel?: string;
  outcome?: string;
}

function logLines(stderr: string): LogLine[] {
  return stderr.split('\n').flatMap((line) => {
    try {
      return line.startsWith('{') ? [JSON.parse(line) as LogLine] : [];
    } catch {
      return [];
    }
  });
}

async function until(what: string, ready: () => boolean, timeoutMs: number): Promise<void> {
  for (const start = Date.now(); !ready(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - start > timeoutMs) throw new Error(`not in time: ${what}\n${bot?.stderr() ?? ''}`);
  }
}

/** HH:MM (UTC) a minute ago: a subscription due now. */
function aMinuteAgo(): string {
  return new Date(Date.now() - 60_000).toISOString().slice(11, 16);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!redisAvailable)('DISCORD_SHARDS: one process per shard on a shared Redis', () => {
  it('each shard gets and answers only its guilds, and a morning post to channels on both shards happens once per channel', async () => {
    redis = await startRedis();
    const guilds = [snowflakeOnShard(0, 2), snowflakeOnShard(1, 2)];
    fake = await startFakeDiscord({
      recommendedShards: 2,
      // Both shards may identify at once: no 5.5 s wait between the two processes' starts.
      maxConcurrency: 16,
      guilds: guilds.map((id, i) => ({ id, name: `Shard ${i} guild`, channels: [{ name: 'news' }, { name: 'ai' }, { name: 'ml' }] })),
    });
    const channelsOf = (guildId: string) => fake!.state.guildChannels(guildId).map((c) => c.id);
    slack = await startFakeSlack();
    const slackChannels = ['C0000000A', 'C0000000B'];
    const dueNow = { time: aMinuteAgo(), createdAt: new Date(Date.now() - 86_400_000).toISOString() };
    const store = await openStore(redis.url, 'sample');
    for (const guildId of guilds) await subscribeChannels(store, 'discord', guildId, channelsOf(guildId), dueNow);
    await subscribeChannels(store, 'slack', slack.teamId, slackChannels, dueNow);
    await store.close();

    bot = spawnBin(['start'], {
      STORE_URL: redis.url,
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      DISCORD_SHARDS: 'auto',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'signing-secret-123',
      SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''),
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    await until('every shard connected', () => /discord: every shard connected/.test(bot!.stderr()), 90_000);

    // Two sessions, shard 0 and shard 1 of 2, each told only about the guilds of its shard.
    const sessions = fake.sessions.map((s) => ({ shard: s.identify.shard, guildIds: s.guildIds }));
    expect(sessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const session of sessions) {
      expect(session.guildIds.length).toBeGreaterThan(0);
      for (const guildId of session.guildIds) expect(shardOf(guildId, 2)).toBe(session.shard![0]);
    }
    // /healthz (on the Slack HTTP server) reports Discord by its shard processes, not as "still connecting".
    const slackPort = Number(/http on port (\d+)/.exec(bot.stderr())?.[1]);
    const health = await fetch(`http://127.0.0.1:${slackPort}/healthz`);
    const body = (await health.json()) as { checks: Record<string, { ok: boolean; detail: string }> };
    expect(body.checks.discord).toMatchObject({ ok: true, detail: '2 shard processes connected' });
    expect(health.status).toBe(200);

    // The slash commands were registered once, by the manager, not once per shard.
    expect(fake.callsTo('PUT', /\/commands$/)).toHaveLength(1);

    // A /trends in a guild of each shard reaches that shard's process only, which answers it.
    for (const [shard, guildId] of guilds.entries()) {
      const sent = fake.slashCommand({ name: 'trends', guildId, channelId: channelsOf(guildId)[0] });
      expect(sent.shards).toEqual([shard]);
      await fake.waitFor((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`, 20_000);
      // The answer itself: the deferred reply edited into the report.
      await fake.waitFor((c) => c.method === 'PATCH' && c.path.startsWith(`/webhooks/${fake!.applicationId}/${sent.token}/messages/`), 20_000);
    }

    // The morning posts: every subscribed channel gets its post, from the process of its guild's shard.
    const subscribed = guilds.flatMap(channelsOf);
    const morningPosts = (channelId: string) => fake!.messages(channelId).filter((m) => m.author.id === fake!.botUser.id && m.webhook_id === undefined);
    const slackPosts = (channelId: string) => slack!.messages(channelId).filter((m) => !m.thread_ts);
    await until('every channel posted', () => subscribed.every((c) => morningPosts(c).length > 0) && slackChannels.every((c) => slackPosts(c).length > 0), 60_000);
    // A second post would come from the other shard's pass, which ran at the same time: give it a moment.
    await new Promise((r) => setTimeout(r, 3_000));
    for (const channelId of subscribed) expect(morningPosts(channelId), `channel ${channelId}`).toHaveLength(1);
    for (const channelId of slackChannels) expect(slackPosts(channelId), `channel ${channelId}`).toHaveLength(1);

    const lines = logLines(bot.stderr());
    const pidOfShard = new Map(lines.filter((l) => l.msg === 'discord: connected' && l.shards).map((l) => [l.shards![0]!, l.pid!]));
    expect([...pidOfShard.keys()].sort()).toEqual([0, 1]);
    expect(pidOfShard.get(0)).not.toBe(pidOfShard.get(1));
    const posted = lines.filter((l) => l.msg === 'morning post: posted');
    expect(posted).toHaveLength(subscribed.length + slackChannels.length);
    // Slack's posts are the manager's (its lines carry no pid: it is the process the test started).
    for (const channelId of slackChannels) expect(posted.find((l) => l.channel === channelId)?.pid).toBeUndefined();
    for (const [shard, guildId] of guilds.entries()) {
      for (const channelId of channelsOf(guildId)) expect(posted.find((l) => l.channel === channelId)?.pid, `channel ${channelId}`).toBe(pidOfShard.get(shard));
    }

    // A stop of the manager stops its shards too.
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    await until('the shard processes ended', () => ![...pidOfShard.values()].some(alive), 5_000);
  }, 180_000);

  it("alerts: each shard alerts its own guilds' channels and the manager Slack's, from one look at Reddit a period", async () => {
    redis = await startRedis();
    const guilds = [snowflakeOnShard(0, 2), snowflakeOnShard(1, 2)];
    fake = await startFakeDiscord({ recommendedShards: 2, maxConcurrency: 16, guilds: guilds.map((id, i) => ({ id, name: `Shard ${i} guild`, channels: [{ name: 'news' }, { name: 'ai' }] })) });
    const channelsOf = (guildId: string) => fake!.state.guildChannels(guildId).map((c) => c.id);
    slack = await startFakeSlack();
    const slackChannels = ['C0000000A', 'C0000000B'];
    const now = Math.floor(Date.now() / 1000);
    // Two posts taking off (thousands of points in 30 minutes), one calm.
    const reddit = await startFakeReddit({
      posts: [rawPost('hot0', 'LocalLLaMA', { score: 4_000, created_utc: now - 1_800 }), rawPost('hot1', 'LocalLLaMA', { score: 3_000, created_utc: now - 1_800 }), rawPost('calm', 'LocalLLaMA', { score: 10, created_utc: now - 3_600 })],
      now,
    });
    try {
      const store = await openStore(redis.url, 'live');
      const targets: ChatTarget[] = [
        ...guilds.flatMap((guildId) => channelsOf(guildId).map((channelId) => ({ platform: 'discord' as const, workspaceId: guildId, channelId }))),
        ...slackChannels.map((channelId) => ({ platform: 'slack' as const, workspaceId: slack!.teamId, channelId })),
      ];
      for (const target of targets) await setAlerts(store, { target, level: 'normal', setBy: 'U1', setAt: new Date().toISOString() });
      await store.close();

      bot = spawnBin(['start'], {
        STORE_URL: redis.url,
        REDDIT_CLIENT_ID: 'test-id',
        REDDIT_CLIENT_SECRET: 'test-secret',
        REDDIT_API_BASE: reddit.apiBase,
        REDDIT_AUTH_BASE: reddit.authBase,
        REDDIT_SUBREDDITS: 'LocalLLaMA',
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_BASE: fake.apiBase,
        DISCORD_SHARDS: 'auto',
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'signing-secret-123',
        SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''),
        PORT: '0',
        LOG_LEVEL: 'info',
      });
      // The first look comes a few seconds after each process starts.
      const alerts = (t: ChatTarget) => (t.platform === 'discord' ? fake!.messages(t.channelId).filter((m) => m.author.id === fake!.botUser.id) : slack!.messages(t.channelId).filter((m) => !m.thread_ts));
      await until('every channel alerted of both posts', () => targets.every((t) => alerts(t).length >= 2), 90_000);
      await new Promise((r) => setTimeout(r, 3_000));
      for (const target of targets) expect(alerts(target), `${target.platform} ${target.channelId}`).toHaveLength(2);

      const lines = logLines(bot.stderr());
      const pidOfShard = new Map(lines.filter((l) => l.msg === 'discord: connected' && l.shards).map((l) => [l.shards![0]!, l.pid!]));
      const posted = lines.filter((l) => l.msg === 'alert: posted');
      expect(posted).toHaveLength(targets.length * 2);
      // Each Discord channel's alerts come from its guild's shard; Slack's from the manager (no pid).
      for (const [shard, guildId] of guilds.entries()) {
        for (const channelId of channelsOf(guildId)) expect(posted.filter((l) => l.channel === channelId).map((l) => l.pid), `channel ${channelId}`).toEqual([pidOfShard.get(shard), pidOfShard.get(shard)]);
      }
      for (const channelId of slackChannels) expect(posted.filter((l) => l.channel === channelId).map((l) => l.pid)).toEqual([undefined, undefined]);
      // Reddit was read once for all three processes (rising and new: one look), unless a period ended
      // between their looks (one more look then).
      const listings = reddit.requests.filter((r) => r.path.startsWith('/r/'));
      expect(listings.length).toBeLessThanOrEqual(4);
    } finally {
      await reddit.close();
    }
  }, 240_000);
});

describe('DISCORD_SHARDS settings and the need for it', () => {
  const discord = { DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APPLICATION_ID: '123456789012345678' };
  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env, '0.0.0');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('is auto or a number of shards; unset, the bot is not sharded', () => {
    expect(loadConfig({ ...discord, DISCORD_SHARDS: 'auto' }, '0.0.0').discord?.shards).toBe('auto');
    expect(loadConfig({ ...discord, DISCORD_SHARDS: '3' }, '0.0.0').discord?.shards).toBe(3);
    expect(loadConfig(discord, '0.0.0').discord?.shards).toBeUndefined();
    expect(refusal({ ...discord, DISCORD_SHARDS: 'many' })).toMatch(/^DISCORD_SHARDS: auto \(the count Discord recommends\) or a number/);
    expect(refusal({ ...discord, DISCORD_SHARDS: '0' })).toMatch(/^DISCORD_SHARDS:/);
    expect(refusal({ DISCORD_SHARDS: '2' })).toMatch(/^DISCORD_SHARDS: needs DISCORD_TOKEN/);
    // Each shard is a process: an in-memory database would be a separate, empty store in each.
    expect(refusal({ ...discord, DISCORD_SHARDS: '2', STORE_URL: 'sqlite://:memory:' })).toMatch(/^STORE_URL: sqlite:\/\/:memory: cannot be shared by the shard processes/);
  });

  it('an unsharded bot owns every guild; one that Discord says needs shards (close 4011) stops naming DISCORD_SHARDS', async () => {
    const h = await startHarness();
    try {
      expect(h.bot.shards).toEqual({ ids: [0], count: 1 });
      expect(h.bot.owns({ platform: 'discord', workspaceId: snowflakeOnShard(1, 2), channelId: '1' })).toBe(true);
    } finally {
      await h.stop();
    }
    fake = await startFakeDiscord({ shardsRequired: 2 });
    const error = await startHarness({ fake }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/DISCORD_SHARDS: Discord requires sharding for this bot \(2,500 servers or more\): set DISCORD_SHARDS=auto/);
  }, 20_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.js';
import { runBin, spawnBin, tempStoreUrl, type RunningBin } from '../helpers/run-cli.js';
import { subscribeChannels } from '../helpers/morning.js';
import { seededRandom as random } from '../helpers/seeded-random.js';

// Exactly once through crashes: `ai-trends deliver` posting one report to 200 channels (100 Discord,
// 100 Slack, through the fakes, whose records outlive every child) is killed with SIGKILL at random
// moments, 20 times, then run to the end. Every channel must hold exactly one post. On SQLite with one
// process at a time, and on a real Redis with two processes side by side.

const NOW = '2026-02-11T08:05:00Z';
const CHANNELS = 100;
const KILLS = 20;

interface World {
  discord: FakeDiscord;
  slack: FakeSlack;
  discordChannels: string[];
  slackChannels: string[];
}

async function world(storeUrl: string): Promise<World> {
  const discord = await startFakeDiscord({ latencyMs: 5 });
  const slack = await startFakeSlack();
  const discordChannels = [discord.channelId, ...Array.from({ length: CHANNELS - 1 }, (_, i) => discord.addChannel({ guildId: discord.guildId, name: `news-${i}` }))];
  const slackChannels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i).padStart(8, '0')}`);
  const store = await openStore(storeUrl, 'sample');
  await subscribeChannels(store, 'discord', discord.guildId, discordChannels);
  await subscribeChannels(store, 'slack', slack.teamId, slackChannels);
  await store.close();
  return { discord, slack, discordChannels, slackChannels };
}

function env(w: World, storeUrl: string): Record<string, string> {
  return {
    STORE_URL: storeUrl,
    DISCORD_TOKEN: w.discord.token,
    DISCORD_APPLICATION_ID: w.discord.applicationId,
    DISCORD_API_BASE: w.discord.apiBase,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'signing-secret-123',
    SLACK_API_URL: w.slack.apiUrl.replace(/\/$/, ''),
    // A killed process's claims pass on after a second, so the next child can go on at once.
    DELIVERY_CLAIM_SECONDS: '1',
    // Two posts at a time per platform: slow enough that the kills land in the middle of the work.
    DELIVERY_CONCURRENCY: '2',
    LOG_LEVEL: 'warn',
  };
}

/** Posts that stand in a channel itself (not in its thread), per channel. */
function postsPerChannel(w: World): number[] {
  const discord = w.discordChannels.map((c) => w.discord.messages(c).filter((m) => m.author.id === w.discord.botUser.id).length);
  const slack = w.slackChannels.map((c) => w.slack.messages(c).filter((m) => !m.thread_ts).length);
  return [...discord, ...slack];
}

const posted = (w: World) => postsPerChannel(w).reduce((a, b) => a + b, 0);

/**
 * Kills the children with SIGKILL one by one, each after `more()` new posts (or `maxMs`), a random
 * running one each time (all at once when `together`). Returns how many were killed; the others ended.
 */
async function killMidway(children: RunningBin[], w: World, more: () => number, maxMs: number, pick: () => number, together: boolean): Promise<number> {
  const running = () => children.filter((c) => c.child.exitCode === null && !c.child.killed);
  let killed = 0;
  while (running().length > 0) {
    const start = posted(w);
    const started = Date.now();
    const wanted = more();
    while (running().length > 0 && posted(w) - start < wanted && Date.now() - started < maxMs) await new Promise((r) => setTimeout(r, 3));
    const alive = running();
    for (const victim of together ? alive : alive.slice(0).sort(() => pick() - 0.5).slice(0, 1)) {
      victim.child.kill('SIGKILL');
      killed++;
    }
  }
  await Promise.all(children.map((c) => c.exited));
  return killed;
}

/** How many posts were recovered (posted by a process killed before it wrote "done"), from the ledger. */
async function recoveredPosts(w: World, storeUrl: string): Promise<number> {
  const store = await openStore(storeUrl, 'sample');
  let recovered = 0;
  for (const c of w.discordChannels) if ((await store.deliveries.get(`discord:${c}:2026-02-11`))?.recovered) recovered++;
  for (const c of w.slackChannels) if ((await store.deliveries.get(`slack:${c}:2026-02-11`))?.recovered) recovered++;
  await store.close();
  return recovered;
}

/** Runs deliver to the end (a last few times, claims of the killed ones expiring in between). */
async function finish(w: World, storeUrl: string): Promise<void> {
  for (let run = 0; run < 6 && postsPerChannel(w).some((n) => n === 0); run++) {
    await new Promise((r) => setTimeout(r, 1_200));
    const result = await runBin(['deliver', '--now', NOW], env(w, storeUrl));
    if (result.code !== 0 && !/being posted by another process/.test(result.stdout)) {
      const failed = result.stdout.split('\n').filter((l) => /^failed/.test(l));
      // The warnings say why (the outcome lines only say which).
      throw new Error(`deliver failed (${result.code}), ${failed.length} posts: ${failed.slice(0, 5).join('\n')}\n${result.stderr.split('\n').slice(0, 10).join('\n')}`);
    }
  }
}

async function crashLoop(w: World, storeUrl: string, seed: number, processes: number): Promise<{ killed: number; ended: number }> {
  const next = random(seed);
  const tally = { killed: 0, ended: 0 };
  for (let i = 0; i < KILLS; i++) {
    const children = Array.from({ length: processes }, () => spawnBin(['deliver', '--now', NOW], env(w, storeUrl)));
    // Mostly mid-post (after a few new posts), sometimes while starting up (at the latest at the first
    // post); with two processes, one of them or both.
    const early = next() < 0.25;
    const killed = await killMidway(children, w, () => (early ? 1 : 1 + Math.floor(next() * 8)), early ? 300 + next() * 1_200 : 15_000, next, next() < 0.5);
    if (killed > 0) tally.killed += killed;
    else tally.ended++;
    if (process.env.CRASH_DEBUG) console.info(`iteration ${i}: ${killed} killed, ${posted(w)} posted`);
  }
  await finish(w, storeUrl);
  return tally;
}

describe('exactly once through SIGKILL', () => {
  it('SQLite, one process at a time, 20 kills: every one of 200 channels has exactly one post (seed 20261201)', async () => {
    const storeUrl = tempStoreUrl();
    const w = await world(storeUrl);
    try {
      const tally = await crashLoop(w, storeUrl, 20261201, 1);
      const counts = postsPerChannel(w);
      expect(counts.filter((n) => n !== 1)).toEqual([]);
      expect(tally.killed).toBeGreaterThan(KILLS / 2);
      const recovered = await recoveredPosts(w, storeUrl);
      console.info(`crash test (SQLite): ${tally.killed} processes killed mid-run, ${tally.ended} rounds ended first, ${recovered} posts recovered after a kill, ${counts.length} channels with one post each`);
    } finally {
      await w.discord.close();
      await w.slack.close();
    }
  }, 240_000);

  describe.skipIf(!redisAvailable)('on Redis', () => {
    let redis: TestRedis;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('two processes side by side, 20 kills: every one of 200 channels has exactly one post (seed 777)', async () => {
      const w = await world(redis.url);
      try {
        const tally = await crashLoop(w, redis.url, 777, 2);
        expect(postsPerChannel(w).filter((n) => n !== 1)).toEqual([]);
        expect(tally.killed).toBeGreaterThan(KILLS / 2);
        console.info(`crash test (Redis, 2 processes): ${tally.killed} processes killed mid-run, ${tally.ended} rounds ended before their kill, ${await recoveredPosts(w, redis.url)} posts recovered after a kill`);
      } finally {
        await w.discord.close();
        await w.slack.close();
      }
    }, 300_000);
  });
});

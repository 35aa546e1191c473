import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAlerts } from '../../src/alerts/channels.js';
import { alertDayKey } from '../../src/alerts/records.js';
import { channelKey, type ChatTarget } from '../../src/chat/target.js';
import { openStore } from '../../src/store/store.js';
import { utcDate } from '../../src/time/day.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeReddit, type FakeReddit, type RawPost } from '../fakes/reddit.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.js';
import { runBin, spawnBin, type RunningBin } from '../helpers/run-cli.js';
import { rawPost } from '../reddit/helpers.js';
import { seededRandom as random } from '../helpers/seeded-random.js';

// An alert goes out exactly once per post per channel, through SIGKILL and with two processes on a real
// Redis: the real bin's `alert-look` (one look of the watcher, the code `start` and each Discord shard run
// every ALERT_POLL_MINUTES) against the fake Reddit (three posts taking off), Discord and Slack (whose
// records outlive every child). Two processes at a time, one of them or both killed after a few alerts,
// again and again; then run to the end. Every channel must hold exactly one alert of each post.

const CHANNELS = 20;
const HOT = 3;
const ROUNDS = 10;

interface World {
  reddit: FakeReddit;
  posts: RawPost[];
  discord: FakeDiscord;
  slack: FakeSlack;
  targets: ChatTarget[];
}

async function world(storeUrl: string): Promise<World> {
  const now = Math.floor(Date.now() / 1000);
  // Three posts 30 minutes old with thousands of points (normal: 250 an hour and 500 points), one calm.
  const posts = [
    ...Array.from({ length: HOT }, (_, i) => rawPost(`hot${i}`, 'LocalLLaMA', { title: `Release number ${i}`, score: 3_000 + i * 500, created_utc: now - 1_800 })),
    rawPost('calm', 'MachineLearning', { score: 20, created_utc: now - 3_600 }),
  ];
  const reddit = await startFakeReddit({ posts, now });
  const discord = await startFakeDiscord({ latencyMs: 30 });
  const slack = await startFakeSlack();
  const discordChannels = [discord.channelId, ...Array.from({ length: CHANNELS / 2 - 1 }, (_, i) => discord.addChannel({ guildId: discord.guildId, name: `news-${i}` }))];
  const targets: ChatTarget[] = [
    ...discordChannels.map((channelId) => ({ platform: 'discord' as const, workspaceId: discord.guildId, channelId })),
    ...Array.from({ length: CHANNELS / 2 }, (_, i) => ({ platform: 'slack' as const, workspaceId: slack.teamId, channelId: `C${String(i).padStart(8, '0')}` })),
  ];
  const store = await openStore(storeUrl, 'live');
  for (const target of targets) await setAlerts(store, { target, level: 'normal', setBy: 'U1', setAt: new Date().toISOString() });
  await store.close();
  return { reddit, posts, discord, slack, targets };
}

function env(w: World, storeUrl: string): Record<string, string> {
  return {
    STORE_URL: storeUrl,
    REDDIT_CLIENT_ID: 'test-id',
    REDDIT_CLIENT_SECRET: 'test-secret',
    REDDIT_API_BASE: w.reddit.apiBase,
    REDDIT_AUTH_BASE: w.reddit.authBase,
    REDDIT_SUBREDDITS: 'LocalLLaMA,MachineLearning',
    DISCORD_TOKEN: w.discord.token,
    DISCORD_APPLICATION_ID: w.discord.applicationId,
    DISCORD_API_BASE: w.discord.apiBase,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'signing-secret-123',
    SLACK_API_URL: w.slack.apiUrl.replace(/\/$/, ''),
    // A killed process's claim on a channel passes on after a second, so the next one can go on at once.
    DELIVERY_CLAIM_SECONDS: '1',
    ALERTS_PER_DAY: '10',
    LOG_LEVEL: 'warn',
  };
}

/** The bot's alerts standing in each channel itself (not in their threads). */
function alertsPerChannel(w: World): number[] {
  return w.targets.map((t) =>
    t.platform === 'discord' ? w.discord.messages(t.channelId).filter((m) => m.author.id === w.discord.botUser.id).length : w.slack.messages(t.channelId).filter((m) => !m.thread_ts).length,
  );
}
const alerted = (w: World) => alertsPerChannel(w).reduce((a, b) => a + b, 0);

/** The posts keep taking off: between two runs each gains points (a new period's look still sees them rise). */
function rise(w: World): void {
  for (const post of w.posts) if (post.id.startsWith('hot')) post.score += 1_000;
}

/** Kills the children one by one (or both at once), each after a few new alerts (the look is stored by then). */
async function killMidway(children: RunningBin[], w: World, next: () => number): Promise<number> {
  const running = () => children.filter((c) => c.child.exitCode === null && !c.child.killed);
  let killed = 0;
  while (running().length > 0) {
    const start = alerted(w);
    const after = 1 + Math.floor(next() * 4);
    const started = Date.now();
    while (running().length > 0 && alerted(w) - start < after && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 3));
    const alive = running();
    for (const victim of next() < 0.3 ? alive : alive.sort(() => next() - 0.5).slice(0, 1)) {
      victim.child.kill('SIGKILL');
      killed++;
    }
  }
  await Promise.all(children.map((c) => c.exited));
  return killed;
}

describe.skipIf(!redisAvailable)('an alert exactly once per post per channel, on Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it(`two processes side by side, ${ROUNDS} rounds of SIGKILL: each of ${CHANNELS} channels has each of ${HOT} alerts once (seed 4242)`, async () => {
    const w = await world(redis.url);
    const next = random(4242);
    let killed = 0;
    try {
      for (let round = 0; round < ROUNDS && alerted(w) < CHANNELS * HOT; round++) {
        const children = [0, 1].map(() => spawnBin(['alert-look'], env(w, redis.url)));
        killed += await killMidway(children, w, next);
        rise(w);
        // The killed process's claims on channels pass on (DELIVERY_CLAIM_SECONDS=1).
        await new Promise((r) => setTimeout(r, 1_100));
      }
      // To the end, then once more: nothing left to send, nothing sent twice.
      for (let run = 0; run < 4 && alerted(w) < CHANNELS * HOT; run++) {
        const result = await runBin(['alert-look'], env(w, redis.url));
        expect(result.code, result.stderr).toBe(0);
        rise(w);
        await new Promise((r) => setTimeout(r, 1_100));
      }
      const last = await runBin(['alert-look'], env(w, redis.url));
      expect(last.stdout).not.toMatch(/^posted/m);
      expect(alertsPerChannel(w)).toEqual(Array(CHANNELS).fill(HOT));
      expect(killed).toBeGreaterThanOrEqual(ROUNDS);

      // The ledger agrees: each channel's day holds each post once, done.
      const store = await openStore(redis.url, 'live');
      const today = utcDate(new Date());
      let recovered = 0;
      for (const target of w.targets) {
        const day = await store.alertDays.get(alertDayKey(channelKey(target), today));
        expect(day?.alerts.map((a) => `${a.postId}:${a.state}`).sort()).toEqual(['hot0:done', 'hot1:done', 'hot2:done']);
        // An alert posted whole has its thread for questions (one found after a kill keeps what it had).
        for (const a of day!.alerts.filter((a) => !a.recovered)) expect(a.threadId, `${target.channelId} ${a.postId}`).toBeDefined();
        recovered += day!.alerts.filter((a) => a.recovered).length;
      }
      await store.close();
      // Reddit was read once a period, not once a process (rising and new each look).
      const listings = w.reddit.requests.filter((r) => r.path.startsWith('/r/'));
      console.info(`alert crash test: ${killed} processes killed, ${recovered} alerts found after a kill, ${listings.length / 2} looks at Reddit, ${CHANNELS * HOT} alerts once each`);
    } finally {
      await w.reddit.close();
      await w.discord.close();
      await w.slack.close();
    }
  }, 300_000);
});

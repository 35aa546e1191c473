// `npm run bench`: the alert watcher's requests to Reddit for a day (ALERT_POLL_MINUTES=15: 96 looks), 11
// communities, 1 and 1,000 channels with alerts on, against what the source allows: the API's 100 requests a
// minute (Reddit's OAuth limit), the public feeds at REDDIT_FEED_MIN_INTERVAL_MS (6 s: 14,400 a day at most).
// The looks run on the fake Reddit (API) and the fake feeds with the real clients, one after another
// with the clock given to each look (no waiting between them).
import { performance } from 'node:perf_hooks';
import { setAlerts } from '../../src/alerts/channels.js';
import { lookOnce, type WatcherDeps } from '../../src/alerts/watcher.js';
import { defaultSubreddits } from '../../src/settings-schema.js';
import { FeedClient } from '../../src/reddit/feeds/client.js';
import { createLogger } from '../../src/log.js';
import { loadSamplePosts, startFakeReddit } from '../fakes/reddit.js';
import { startFakeFeeds } from '../fakes/reddit-feeds.js';
import { openTempStore } from '../helpers/store.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { clientFor } from '../reddit/helpers.js';

const POLL_MS = 15 * 60_000;
const LOOKS = (24 * 60) / 15;
const { now, posts } = loadSamplePosts();
const log = createLogger('silent');

async function day(mode: 'api' | 'feeds', channels: number) {
  const store = await openTempStore();
  const chat = new FakeChatAdapter();
  for (let i = 0; i < channels; i++) await setAlerts(store, { target: { platform: 'discord', workspaceId: 'G1', channelId: `C${i}` }, level: 'normal', setBy: 'U1', setAt: new Date().toISOString() });
  const reddit = mode === 'api' ? await startFakeReddit({ posts, now, rateLimit: { limit: 100_000, windowSeconds: 600 } }) : undefined;
  const feeds = mode === 'feeds' ? await startFakeFeeds({ posts, now }) : undefined;
  const feedClient = feeds ? new FeedClient({ base: feeds.base, userAgent: 'node:ai-trends-bench:0.0.0 (by /u/ai-trends-bot)', timeoutMs: 5_000, maxResponseBytes: 8_000_000, minIntervalMs: 0 }) : undefined;
  const deps: WatcherDeps = {
    store,
    reddit: reddit ? clientFor(reddit) : undefined,
    feeds: feedClient,
    communities: defaultSubreddits,
    chats: { discord: chat },
    bindThread: async () => undefined,
    settings: { pollMs: POLL_MS, perDay: 3 },
    owner: 'bench',
    claimTtlMs: 60_000,
    log,
  };
  const started = performance.now();
  let alerts = 0;
  for (let i = 0; i < LOOKS; i++) alerts += (await lookOnce(deps, new Date(now * 1000 - 86_400_000 + i * POLL_MS))).outcomes.filter((o) => o.outcome === 'posted').length;
  const ms = performance.now() - started;
  const requests = reddit ? reddit.requests.filter((r) => r.path.startsWith('/r/')).length : feeds!.requests.length;
  await reddit?.close();
  await feeds?.close();
  await store.close();
  return { requests, alerts, ms };
}

console.log(`alert watcher, ${defaultSubreddits.length} communities, a look every 15 minutes (${LOOKS} a day)`);
for (const mode of ['api', 'feeds'] as const) {
  const budget = mode === 'api' ? 100 * 60 * 24 : (86_400_000 / 6_000);
  for (const channels of [1, 1_000]) {
    const r = await day(mode, channels);
    console.log(`${mode.padEnd(5)} ${String(channels).padStart(5)} channels: ${r.requests} requests a day (${((100 * r.requests) / budget).toFixed(2)}% of ${budget} the source allows a day), ${r.alerts} alerts, ${Math.round(r.ms)} ms`);
  }
}

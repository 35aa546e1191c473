// `npm run bench`: the numbers behind README's "Scaling". (1) Reddit requests per report: the real bin's
// `report` against the fake Reddit, by kind, and again the same day (served from the store). (2) Memory
// per process: RSS of `ai-trends start` with Discord in one process, and with DISCORD_SHARDS=2 (the
// manager and each shard process), each after posting the morning report to CHANNELS channels.
// Linux only for (2) (reads /proc/<pid>/status). Everything runs through tsx, as `npm start` did before
// the compiled build; a compiled run needs less memory per process.
import { readFileSync } from 'node:fs';
import { defaultSubreddits } from '../../src/config.js';
import { openStore } from '../../src/store/store.js';
import { startFakeDiscord, snowflakeOnShard, type FakeDiscord } from '../fakes/discord/index.js';
import { loadSamplePosts, startFakeReddit } from '../fakes/reddit.js';
import { subscribeChannels } from '../helpers/morning.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { runBin, spawnBin, tempStoreUrl, type RunningBin } from '../helpers/run-cli.js';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 200);

// ---- (1) Reddit requests per report -------------------------------------------------------------------
const sample = loadSamplePosts();
const reddit = await startFakeReddit({ posts: sample.posts, now: sample.now, subreddits: { LangChain: { status: 'ok' }, LLMDevs: { status: 'ok' }, vectordatabase: { status: 'ok' } } });
const redditEnv = { STORE_URL: tempStoreUrl(), REDDIT_CLIENT_ID: 'test-id', REDDIT_CLIENT_SECRET: 'test-secret', REDDIT_API_BASE: reddit.apiBase, REDDIT_AUTH_BASE: reddit.authBase };
const sampleNow = new Date(sample.now * 1000).toISOString();
const built = await runBin(['report', '--now', sampleNow, '--format', 'json'], redditEnv);
if (built.code !== 0) throw new Error(`report failed: ${built.stderr}`);
const kinds: Record<string, number> = {};
for (const r of reddit.requests) {
  const kind = r.path === '/api/v1/access_token' ? 'token' : r.path.endsWith('/about') ? 'about' : /\/comments\//.test(r.path) ? 'comments' : /\/(new|top|hot)$/.test(r.path) ? 'listing' : r.path;
  kinds[kind] = (kinds[kind] ?? 0) + 1;
}
const first = reddit.requests.length;
await runBin(['report', '--now', sampleNow, '--format', 'json'], redditEnv);
await reddit.close();
console.log(`Reddit requests for one day's report (the ${defaultSubreddits.length} default subreddits, offline analysis enriching its posts):`);
console.log(`  first build: ${first} (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}); the same day again: ${reddit.requests.length - first}`);
console.log('  (one report a day serves every channel, command and thread: the count does not grow with channels)\n');

// ---- (2) Memory per process ---------------------------------------------------------------------------
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function until(ready: () => boolean, what: string, bot: RunningBin, timeoutMs = 120_000): Promise<void> {
  for (const start = Date.now(); !ready(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - start > timeoutMs) throw new Error(`not in time: ${what}\n${bot.stderr()}`);
  }
}

/** Starts the bot on `storeUrl` with CHANNELS subscriptions due now spread over the guilds; returns the RSS (MiB) of each process by role. */
async function measure(storeUrl: string, shards: number | undefined): Promise<Array<[string, number]>> {
  const count = shards ?? 1;
  const guilds = Array.from({ length: count * 2 }, (_, i) => snowflakeOnShard(i % count, count));
  const fake: FakeDiscord = await startFakeDiscord({ maxConcurrency: 16, guilds: guilds.map((id) => ({ id, channels: Array.from({ length: CHANNELS / guilds.length }, (_, c) => ({ name: `news-${c}` })) })) });
  const store = await openStore(storeUrl, 'sample');
  const dueNow = { time: new Date(Date.now() - 60_000).toISOString().slice(11, 16), createdAt: new Date(Date.now() - 86_400_000).toISOString() };
  for (const guildId of guilds) await subscribeChannels(store, 'discord', guildId, fake.state.guildChannels(guildId).map((c) => c.id), dueNow);
  await store.close();
  const bot = spawnBin(['start'], { STORE_URL: storeUrl, DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: 'info', ...(shards ? { DISCORD_SHARDS: String(shards) } : {}) });
  try {
    const posted = () => bot.stderr().split('\n').filter((l) => l.includes('"morning post: posted"')).length;
    await until(() => posted() >= CHANNELS, `${CHANNELS} posts`, bot);
    await new Promise((r) => setTimeout(r, 1_000));
    const shardPids = bot.stderr().split('\n').filter((l) => l.includes('"discord: connected"') && l.includes('"pid"')).map((l) => JSON.parse(l) as { pid: number; shards: number[] });
    return [[shards ? 'manager' : 'one process', rssMiB(bot.child.pid!)], ...shardPids.map((s): [string, number] => [`shard ${s.shards[0]}`, rssMiB(s.pid)])];
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await fake.close();
  }
}

if (process.platform !== 'linux' || !redisAvailable) {
  console.log('memory per process: skipped (needs Linux /proc and redis-server)');
} else {
  const redis = await startRedis();
  try {
    const single = await measure(tempStoreUrl(), undefined);
    const sharded = await measure(redis.url, 2);
    console.log(`Memory (RSS) after posting the morning report to ${CHANNELS} Discord channels (through tsx):`);
    for (const [role, mib] of [...single, ...sharded]) console.log(`  ${role.padEnd(12)} ${mib.toFixed(0)} MiB`);
  } finally {
    await redis.stop();
  }
}

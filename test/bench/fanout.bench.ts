// `npm run bench`: the morning pass end to end, as deployed: the compiled `ai-trends start` (plain node, the
// flags of `npm start`) in a child process, connected to the fake Discord and the fake Slack at once, each
// with its rate limits (Discord 50 requests/s per bot; Slack 1 chat.postMessage/s per channel and 50/s per
// workspace, which the bot is not told: it meets it), N subscribed channels on each platform, all due at the
// same minute, a minute or so after the bot starts (so it is measured idle first). On SQLite and on a real
// Redis. For each run:
// - each platform's time against the floor its limits allow (requests ÷ rate), as a ratio, with the requests
//   per channel and the 429s met;
// - the bot's RSS idle just before the pass, its peak (VmHWM, reset at the pass's start) during it, and its event-loop delay p99 and max
//   while the pass runs (a preload samples it);
// - a follow-up question asked in a morning thread a third of the way through the pass (Discord and Slack),
//   answered how long after it was asked, against the same question asked once the pass is over;
// - every channel holds exactly one post.
// BENCH_FANOUT_CHANNELS=100,1000 (default) sets N; 5000 is a long run (minutes per store) for the scale check.
// BENCH_FANOUT_STORES=sqlite (or redis) runs one store only. BENCH_BOT_<NAME>=value gives the bot <NAME>=value
// (BENCH_BOT_DELIVERY_CONCURRENCY=16: a setting tried out). BENCH_FANOUT_BEFORE=<dir of another checkout, built>
// runs that checkout's compiled bot first at each size, against the same fakes and seed, for before/after.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subscription } from '../../src/store/records.js';
import { openStore } from '../../src/store/store.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { sendEvent } from '../fakes/slack/signing.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { freePort } from '../helpers/free-port.js';
import { seedLegacySubscriptions } from '../helpers/legacy-subscriptions.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { tempSqliteUrl } from '../helpers/store.js';

const SIZES = (process.env.BENCH_FANOUT_CHANNELS ?? '100,1000').split(',').map(Number);
const DISCORD_PER_SECOND = 50;
const SLACK_WORKSPACE_PER_SECOND = 50;
const SECRET = 'bench-signing-secret';
/** Discord allows 500 channels a guild. */
const CHANNELS_PER_GUILD = 500;
const repo = new URL('../../', import.meta.url).pathname;
execFileSync(process.execPath, [join(repo, 'src/prepare.js')], { stdio: 'inherit' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MiB = 1024 * 1024;

function peakRss(pid: number): number {
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

/** BENCH_FANOUT_SMAPS=1: where a process's resident memory is, by mapping (the largest, in MiB). */
function mappings(pid: number): string {
  const byName = new Map<string, number>();
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) name = head[1]?.replace(/^.*node_modules\//, '') || '[anon]';
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) byName.set(name, (byName.get(name) ?? 0) + Number(rss[1]) * 1024);
  }
  return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, b]) => `${n} ${(b / MiB).toFixed(1)}`).join(', ');
}

/** The node flags `npm start` runs the bot with (in checkout `dir`). */
function startFlags(dir: string): string[] {
  const start = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return /^node((?:\s+--\S+)*)\s+dist\/src\/bin\.js start$/.exec(start)![1]!.trim().split(/\s+/).filter(Boolean);
}

// In the bot: the event loop's delay, printed and reset on SIGUSR2 (the bench reads it at the pass's start and end);
// with FANOUT_HEAP_DIR in its environment, also a heap snapshot there each time (heap-1 at the start, heap-2 at the end).
const delayProbe = `--import=data:text/javascript,${encodeURIComponent(
  "import{monitorEventLoopDelay}from'node:perf_hooks';import{writeHeapSnapshot}from'node:v8';const h=monitorEventLoopDelay({resolution:10});h.enable();let n=0;process.on('SIGUSR2',()=>{const m=process.memoryUsage();process.stderr.write('event-loop-delay '+JSON.stringify({p99:h.percentile(99)/1e6,max:h.max/1e6,heapUsed:m.heapUsed,heapTotal:m.heapTotal,external:m.external})+'\\n');h.reset();if(process.env.FANOUT_HEAP_DIR)writeHeapSnapshot(process.env.FANOUT_HEAP_DIR+'/heap-'+(++n)+'.heapsnapshot')})",
)}`;

interface Platforms {
  discord: FakeDiscord;
  slack: FakeSlack;
  discordChannels: string[];
  slackChannels: string[];
}

async function platforms(channels: number): Promise<Platforms> {
  const guilds = Array.from({ length: Math.ceil(channels / CHANNELS_PER_GUILD) }, (_, g) => ({ channels: Array.from({ length: Math.min(CHANNELS_PER_GUILD, channels - g * CHANNELS_PER_GUILD) }, (_, c) => ({ name: `news-${c}` })) }));
  const discord = await startFakeDiscord({ globalRateLimit: { perSecond: DISCORD_PER_SECOND }, guilds });
  const slack = await startFakeSlack({ rateLimits: { perChannelPerSecond: 1, workspacePerSecond: SLACK_WORKSPACE_PER_SECOND } });
  const discordChannels = [...discord.state.guilds.keys()].filter((id) => id !== discord.guildId).flatMap((id) => discord.state.guildChannels(id).map((c) => c.id));
  const slackChannels = Array.from({ length: channels }, (_, i) => `C${String(i).padStart(8, '0')}`);
  return { discord, slack, discordChannels, slackChannels };
}

/** The minute the posts are due: the first to start at least 75 s from now (the bot is up and idle before it). */
function dueMinute(): number {
  return Math.ceil((Date.now() + 75_000) / 60_000) * 60_000;
}

/** CPU seconds the process has used (user and system; /proc/<pid>/stat counts in ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rss(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

function subscriptionsOf(p: Platforms, due: number): Subscription[] {
  const time = new Date(due).toISOString().slice(11, 16);
  const base = { time, timezone: 'UTC', sections: ['summary' as const], createdBy: 'U1', createdAt: new Date(Date.now() - 86_400_000).toISOString() };
  return [
    ...p.discordChannels.map((channelId) => ({ ...base, target: { platform: 'discord' as const, workspaceId: p.discord.state.channels.get(channelId)!.guildId!, channelId } })),
    ...p.slackChannels.map((channelId) => ({ ...base, target: { platform: 'slack' as const, workspaceId: p.slack.teamId, channelId } })),
  ];
}

/** What the probe in the bot prints on SIGUSR2 (delays in ms, memory in bytes). */
interface ProbeReading {
  p99: number;
  max: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

interface Run {
  discord: { requests: number; seconds: number; ratio: number; perChannel: number; rateLimited: number; posts: number[]; stalls: Stalls };
  slack: { requests: number; seconds: number; ratio: number; rateLimited: number; posts: number[]; learnt: number[] };
  idleRssMiB: number;
  peakRssMiB: number;
  /** Event-loop delay during the pass, and the V8 heap (bytes) at its end. */
  delay: ProbeReading;
  /** The V8 heap (bytes) as the pass starts. */
  heapAtStart?: ProbeReading;
  /** The bot's CPU seconds during the pass, and the pass's wall-clock seconds (a starved bot falls behind its pacing). */
  cpu: { seconds: number; wall: number };
  answers: { discordDuring: number; discordAfter: number; slackDuring: number; slackAfter: number };
  totalSeconds: number;
}

async function run(storeUrl: string, channels: number, dir = repo): Promise<Run> {
  const p = await platforms(channels);
  const due = dueMinute();
  const seeding = await openStore(storeUrl, 'sample');
  await seedLegacySubscriptions(seeding.keyv, subscriptionsOf(p, due));
  await seeding.close();
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), 'ai-trends-fanout-'));
  // BENCH_FANOUT_NODE_FLAGS="--cpu-prof" profiles the bot (the profile lands in its working directory, printed below).
  const extraFlags = (process.env.BENCH_FANOUT_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  if (extraFlags.length > 0) console.log(`  the bot runs in ${cwd} with ${extraFlags.join(' ')}`);
  const bot = spawn(process.execPath, [...startFlags(dir), ...extraFlags, delayProbe, join(dir, 'dist/src/bin.js'), 'start'], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      STORE_URL: storeUrl,
      // The sample day: this measures the fan-out, not Reddit (with no keys the default would try the public feeds).
      REDDIT_SOURCE: 'sample',
      DISCORD_TOKEN: p.discord.token,
      DISCORD_APPLICATION_ID: p.discord.applicationId,
      DISCORD_API_BASE: p.discord.apiBase,
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: p.slack.apiUrl.replace(/\/$/, ''),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      MALLOC_ARENA_MAX: '2',
      // BENCH_FANOUT_HEAP_DIR=<dir>: heap snapshots at the pass's start and end, for test/bench/heap-diff.mjs
      // (they take seconds and memory of their own: the pass's times and peak RSS are not comparable then).
      ...(process.env.BENCH_FANOUT_HEAP_DIR ? { FANOUT_HEAP_DIR: process.env.BENCH_FANOUT_HEAP_DIR } : {}),
      ...Object.fromEntries(Object.entries(process.env).flatMap(([name, value]) => (name.startsWith('BENCH_BOT_') ? [[name.slice('BENCH_BOT_'.length), value]] : []))),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const delays = () => [...stderr.matchAll(/event-loop-delay (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as ProbeReading);
  const discordPosts = () => p.discordChannels.map((c) => p.discord.messages(c).filter((m) => m.author.id === p.discord.botUser.id).length);
  const slackPosts = () => p.slackChannels.map((c) => p.slack.messages(c).filter((m) => !m.thread_ts).length);
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const started = Date.now();
  try {
    // Idle until the due minute: the RSS a few seconds before it.
    while (Date.now() < due - 5_000) {
      if (bot.exitCode !== null) throw new Error(`the bot exited:\n${stderr.slice(-3_000)}`);
      await sleep(200);
    }
    const idle = rss(bot.pid!);
    if (process.env.BENCH_FANOUT_SMAPS) console.log(`    idle mappings: ${mappings(bot.pid!)}`);
    // From here VmHWM is the pass's peak, not start-up's (Linux: 5 into clear_refs resets it).
    writeFileSync(`/proc/${bot.pid}/clear_refs`, '5');
    // The pass starts with the first morning post (after the report is built).
    for (let i = 0; sum(discordPosts()) + sum(slackPosts()) === 0; i++) {
      if (i > 3_000 || bot.exitCode !== null) throw new Error(`no morning post:\n${stderr.slice(-3_000)}`);
      await sleep(20);
    }
    bot.kill('SIGUSR2');
    const cpuAtStart = cpuSeconds(bot.pid!);
    const passStarted = Date.now();
    // A third of the way: a question in the thread of the first Discord and the first Slack morning post.
    const total = 2 * channels;
    while (sum(discordPosts()) + sum(slackPosts()) < total / 3) await sleep(20);
    const during = await Promise.all([askDiscord(p, 'what stands out today?'), askSlack(p, port, 'what stands out today?', 1)]);
    for (let i = 0; sum(discordPosts()) < channels || sum(slackPosts()) < channels; i++) {
      if (i > 60_000 || bot.exitCode !== null) throw new Error(`not every channel posted (${sum(discordPosts())}, ${sum(slackPosts())}):\n${stderr.slice(-3_000)}`);
      await sleep(50);
    }
    // The thread work after the last post (threads, tails) settles: no Discord request for 1.5 s.
    while (Date.now() - (p.discord.acceptedAt.at(-1) ?? 0) < 1_500) await sleep(100);
    // The pass ends here: the requests after it (the question asked below, its answer) are not the pass's.
    const discordAccepted = p.discord.acceptedAt.slice();
    const slackAccepted = p.slack.accepted.slice();
    bot.kill('SIGUSR2');
    const peak = peakRss(bot.pid!);
    if (process.env.BENCH_FANOUT_SMAPS) console.log(`    mappings at the pass's end: ${mappings(bot.pid!)}`);
    const cpu = { seconds: cpuSeconds(bot.pid!) - cpuAtStart, wall: (Date.now() - passStarted) / 1000 };
    const after = await Promise.all([askDiscord(p, 'anything about agents?'), askSlack(p, port, 'anything about agents?', 2)]);
    for (let i = 0; delays().length < 2 && i < 100; i++) await sleep(20);

    const morningDiscord = p.discord.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.body?.nonce);
    const from = morningDiscord[0]!.at;
    const to = discordAccepted.at(-1)!;
    const inPass = discordAccepted.filter((at) => at >= from && at <= to);
    const discordRequests = inPass.length;
    const discordSeconds = (to - from) / 1000;
    const slackSeconds = (slackAccepted.at(-1)! - slackAccepted[0]!) / 1000;
    return {
      discord: { requests: discordRequests, seconds: discordSeconds, ratio: discordSeconds / (discordRequests / DISCORD_PER_SECOND), perChannel: discordRequests / channels, rateLimited: p.discord.rateLimited, posts: discordPosts(), stalls: stalls(inPass) },
      slack: { requests: slackAccepted.length, seconds: slackSeconds, ratio: slackSeconds / (slackAccepted.length / SLACK_WORKSPACE_PER_SECOND), rateLimited: p.slack.rateLimited, posts: slackPosts(), learnt: [...stderr.matchAll(/"postsPerSecond":([\d.]+)/g)].map((m) => Number(m[1])) },
      idleRssMiB: idle / MiB,
      peakRssMiB: peak / MiB,
      delay: delays()[1] ?? { p99: NaN, max: NaN, heapUsed: NaN, heapTotal: NaN, external: NaN },
      heapAtStart: delays()[0],
      cpu,
      answers: { discordDuring: during[0], slackDuring: during[1], discordAfter: after[0], slackAfter: after[1] },
      totalSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    bot.kill('SIGTERM');
    await new Promise((resolve) => (bot.exitCode !== null ? resolve(undefined) : bot.on('close', resolve)));
    await p.discord.close();
    await p.slack.close();
  }
}

/** Asks in the thread of the first Discord channel's morning post; resolves with the ms until the bot's answer appears. */
async function askDiscord(p: Platforms, question: string): Promise<number> {
  const channel = p.discordChannels.find((c) => p.discord.callsTo('POST', new RegExp(`^/channels/${c}/messages/\\d+/threads$`)).some((t) => t.status < 300))!;
  const threadCall = p.discord.callsTo('POST', new RegExp(`^/channels/${channel}/messages/\\d+/threads$`)).find((t) => t.status < 300)!;
  const threadId = /\/messages\/(\d+)\/threads$/.exec(threadCall.path)![1]!;
  const asked = Date.now();
  p.discord.userMessage({ channelId: threadId, content: question, authorId: String(1_200_000_000_000_000_001n) });
  const answer = await p.discord.waitForMessage((m) => m.channel_id === threadId && m.author.id === p.discord.botUser.id && (m.history[0]?.at ?? 0) >= asked, 60_000);
  return (answer.history[0]?.at ?? Date.now()) - asked;
}

/** The same in the thread of the first Slack channel's morning post. */
async function askSlack(p: Platforms, port: number, question: string, n: number): Promise<number> {
  const channel = p.slackChannels.find((c) => p.slack.messages(c).some((m) => !m.thread_ts))!;
  const head = p.slack.messages(channel).find((m) => !m.thread_ts)!;
  const inThread = () => p.slack.messages(channel).filter((m) => m.thread_ts === head.ts).length;
  const before = inThread();
  const asked = Date.now();
  const event = { type: 'message', channel, user: 'U0000ASKER', text: question, ts: `${Math.floor(asked / 1000)}.${String(n).padStart(6, '0')}`, thread_ts: head.ts };
  const sent = await sendEvent(`http://127.0.0.1:${port}`, SECRET, event, { eventId: `EvBench${n}`, teamId: p.slack.teamId });
  if (sent.status !== 200) throw new Error(`Slack event: ${sent.status}`);
  for (let i = 0; inThread() === before; i++) {
    if (i > 6_000) throw new Error('the Slack question was not answered');
    await sleep(10);
  }
  return Date.now() - asked;
}

interface Stalls {
  /** The median gap between two accepted requests (ms): the pacer's rate as Discord saw it. */
  medianGapMs: number;
  /** Gaps of 1.5× the median up to STALL_MS (a slow turn of the event loop, a wait on the store): their time beyond the median, in seconds. */
  slowSeconds: number;
  /** Gaps over STALL_MS: how many, and their time beyond the median (s). */
  stalls: number;
  stalledSeconds: number;
  longestMs: number;
}
const STALL_MS = 100;

/** Where a pass's time beyond its rate went: the long gaps between accepted requests. */
function stalls(times: number[]): Stalls {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const beyond = (list: number[]) => list.reduce((sum, g) => sum + g - median, 0) / 1000;
  const long = gaps.filter((g) => g > STALL_MS);
  return { medianGapMs: median, slowSeconds: beyond(gaps.filter((g) => g > 1.5 * median && g <= STALL_MS)), stalls: long.length, stalledSeconds: beyond(long), longestMs: sorted.at(-1) ?? 0 };
}

function print(backend: string, channels: number, r: Run): void {
  const wrong = (counts: number[]) => counts.filter((n) => n !== 1).length;
  console.log(`  ${backend}, ${channels.toLocaleString('en')} channels on each platform (${r.totalSeconds.toFixed(0)} s in all):`);
  console.log(`    Discord ${r.discord.requests} requests (${r.discord.perChannel.toFixed(2)} a channel) in ${r.discord.seconds.toFixed(1)} s → ${r.discord.ratio.toFixed(2)}× the floor at ${DISCORD_PER_SECOND}/s; ${r.discord.rateLimited} 429s; channels without exactly one post: ${wrong(r.discord.posts)}`);
  const st = r.discord.stalls;
  console.log(`      Discord's median gap ${st.medianGapMs} ms; lost beyond it: ${st.slowSeconds.toFixed(2)} s in slow gaps (≤ ${STALL_MS} ms), ${st.stalledSeconds.toFixed(2)} s in ${st.stalls} stalls (longest ${st.longestMs} ms)`);
  console.log(`    Slack   ${r.slack.requests} posts in ${r.slack.seconds.toFixed(1)} s → ${r.slack.ratio.toFixed(2)}× the floor at ${SLACK_WORKSPACE_PER_SECOND}/s; ${r.slack.rateLimited} 429s${r.slack.learnt.length ? ` (allowance learnt: ${r.slack.learnt.join(' → ')}/s)` : ''}; channels without exactly one post: ${wrong(r.slack.posts)}`);
  console.log(`    RSS idle ${r.idleRssMiB.toFixed(0)} MiB, peak ${r.peakRssMiB.toFixed(0)} MiB; event-loop delay during the pass p99 ${r.delay.p99.toFixed(0)} ms, max ${r.delay.max.toFixed(0)} ms; the bot's CPU ${r.cpu.seconds.toFixed(1)} s in ${r.cpu.wall.toFixed(1)} s (machine load ${loadavg()[0]!.toFixed(1)})`);
  const heap = (h?: ProbeReading) => (h ? `${(h.heapUsed / MiB).toFixed(0)} of ${(h.heapTotal / MiB).toFixed(0)} MiB, external ${(h.external / MiB).toFixed(0)} MiB` : '?');
  console.log(`      V8 heap at the pass's start ${heap(r.heapAtStart)}; at its end ${heap(r.delay)}`);
  console.log(`    a thread answer: Discord ${r.answers.discordDuring} ms during the pass, ${r.answers.discordAfter} ms after it; Slack ${r.answers.slackDuring} ms during, ${r.answers.slackAfter} ms after`);
}

console.log(`The morning pass end to end (compiled \`ai-trends start\`, Discord and Slack fakes with their limits; machine load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
const STORES = (process.env.BENCH_FANOUT_STORES ?? 'sqlite,redis').split(',');
const BEFORE = process.env.BENCH_FANOUT_BEFORE;

/** Each size with the checkout before (when asked), then with this one. */
async function sizes(backend: string, url: () => string): Promise<void> {
  for (const channels of SIZES) {
    if (BEFORE) print(`${backend} (before: ${BEFORE})`, channels, await run(url(), channels, BEFORE));
    print(backend, channels, await run(url(), channels));
  }
}
if (STORES.includes('sqlite')) await sizes('SQLite', () => tempSqliteUrl('ai-trends-fanout-'));
if (!STORES.includes('redis')) {
  // SQLite only
} else if (redisAvailable) {
  const redis = await startRedis();
  try {
    let db = 0;
    await sizes('Redis', () => `${redis.url}/${db++}`);
  } finally {
    await redis.stop();
  }
} else {
  console.log('  Redis: skipped (redis-server not installed)');
}

// `npm run bench`: the minute pass at 1,000 / 10,000 / 50,000 subscriptions, on SQLite and on a real Redis.
// Two passes each: an idle one (nothing due, as 1,439 minutes of a day are) and one with 1% of the
// subscriptions due. For each: the pass's time, the longest stall of the event loop while it runs, the
// acknowledgement time of `/trends` (the real discord.js client against the fake Discord, a command every
// 100 ms on a fixed schedule, timed from when it was due to be sent, so a stalled loop counts in full), and
// the store's round trips per post (counted at the backend connection: SQL statements, Redis commands).
// The posts go to a chat in memory: this measures the pass, not a platform's rate limits (fanout.bench.ts).
//
// Subscriptions: 24 time zones (half-hour and DST zones among them), times spread over the day, laid down
// in the store's old layout (one index record) and opened with the code under test, which migrates them
// (the time to open is printed). BENCH_PASS_SIZES=1000,10000 picks the sizes; BENCH_PASS_STORES=redis one store.
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startDiscord } from '../../adapters/discord/bot.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { loadSample } from '../../src/sample/sample.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import type { Subscription } from '../../src/store/records.js';
import { openStore, type Store } from '../../src/store/store.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { makeFollowUps } from '../followup/helpers.js';
import { seedLegacySubscriptions } from '../helpers/legacy-subscriptions.js';
import { samplePassDeps } from '../helpers/morning.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { tempSqliteUrl } from '../helpers/store.js';
import { watchStoreTraffic } from '../helpers/store-traffic.js';

const SIZES = (process.env.BENCH_PASS_SIZES ?? '1000,10000,50000').split(',').map(Number);
const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'America/Chicago', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Singapore', 'Asia/Dubai', 'Asia/Kathmandu', 'Australia/Sydney', 'Australia/Adelaide', 'Pacific/Auckland', 'Africa/Lagos', 'Africa/Johannesburg', 'Europe/Moscow', 'America/Denver', 'America/Halifax', 'America/St_Johns', 'Asia/Jakarta', 'Europe/Paris'];
/** The minute 1% of the subscriptions are due; the others fall on every other minute of the day. */
const DUE = Date.parse('2026-02-11T08:00:00Z');
const MINUTE = 60_000;
const IDLE_NOW = new Date(DUE - 5 * MINUTE);
const DUE_NOW = new Date(DUE + 30_000);
/** Made just before the idle pass: nothing earlier is owed, so the idle pass has nothing due. */
const CREATED_AT = new Date(DUE - 6 * MINUTE).toISOString();

function localTime(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

function subscriptions(count: number): Subscription[] {
  return Array.from({ length: count }, (_, i) => {
    const timezone = ZONES[i % ZONES.length]!;
    // Every 100th is due at DUE; the others 10 to 1,429 minutes later (their previous post came before CREATED_AT).
    const at = i % 100 === 0 ? DUE : DUE + (10 + (i % 1_420)) * MINUTE;
    return { target: { platform: 'discord', workspaceId: `G${i % 50}`, channelId: String(1_400_000_000_000_000_000n + BigInt(i)) }, time: localTime(at, timezone), timezone, sections: ['summary'], createdBy: 'U1', createdAt: CREATED_AT };
  });
}

const quantile = (values: number[], q: number) => (values.length === 0 ? NaN : [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!);
const ms = (n: number) => (Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(1) : n.toFixed(0));

interface Measured {
  passMs: number;
  passes: number;
  blockMs: number;
  ackP99: number;
  ackMax: number;
  acks: number;
  posted: number;
  storeCallsPerPost: number;
}

async function bench(storeUrl: string, size: number): Promise<{ openMs: number; quiet: Measured; idle: Measured; due: Measured }> {
  const seeding = await openStore(storeUrl, 'sample');
  await seedLegacySubscriptions(seeding.keyv, subscriptions(size));
  await seeding.close();
  const opening = performance.now();
  // BENCH_STORE_TIMEOUT_MS: main's pass read every subscription at once, and at 50,000 on SQLite its reads
  // waited longer than the default deadline (5 s) and failed: a longer one lets it finish, to be timed.
  const store = await openStore(storeUrl, 'sample', { timeoutMs: Number(process.env.BENCH_STORE_TIMEOUT_MS ?? 5_000) });
  const openMs = performance.now() - opening;
  const log = createLogger('silent');
  const reports = new DailyReports(store, sampleSource());
  await reports.get({ now: loadSample().now });
  const followUps = makeFollowUps({ store });
  const discord = await startFakeDiscord();
  const bot = await startDiscord({ settings: { token: discord.token, applicationId: discord.applicationId, apiBase: discord.apiBase, messageContent: true }, services: { reports, store }, followUps, store, clock: () => loadSample().now, log, restTimeoutMs: 10_000, restRetries: 1 });
  try {
    const chat = new FakeChatAdapter();
    const deps = samplePassDeps({ store, reports, chats: { discord: chat }, followUps, log });
    const calls = await watchStoreTraffic(store);

    /** Runs `pass` (again and again for at least `minMs` when `repeat`), firing /trends every 100 ms meanwhile. */
    async function measure(pass: () => Promise<unknown>, repeat: boolean, minMs = 2_000): Promise<Measured> {
      const fired: Array<{ token: string; due: number }> = [];
      const started = performance.now();
      const startedAt = Date.now();
      let next = startedAt;
      let running = true;
      const fire = () => {
        // Every command that was due by now, each timed from its due moment (a stalled loop sends them late).
        for (; running && next <= Date.now(); next += 100) fired.push({ token: discord.slashCommand({ name: 'trends' }).token, due: next });
        if (running) setTimeout(fire, Math.max(0, next - Date.now()));
      };
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const before = calls.calls;
      const postsBefore = chat.of('post').filter((c) => c.marker).length;
      fire();
      const times: number[] = [];
      do {
        const t = performance.now();
        await pass();
        times.push(performance.now() - t);
      } while (repeat && performance.now() - started < minMs);
      running = false;
      loop.disable();
      const storeCalls = calls.calls - before;
      const posted = chat.of('post').filter((c) => c.marker).length - postsBefore;
      // The acknowledgements (deferrals) of the commands fired during the pass.
      const deadline = Date.now() + 30_000;
      const tokens = new Set(fired.map((f) => f.token));
      let acked = new Map<string, number>();
      while (Date.now() < deadline) {
        acked = new Map(discord.calls.filter((c) => /^\/interactions\/\d+\/[^/]+\/callback$/.test(c.path)).map((c) => [c.path.split('/')[3]!, c.at] as const).filter(([token]) => tokens.has(token)));
        if (acked.size === tokens.size) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const acks = fired.flatMap((f) => (acked.has(f.token) ? [acked.get(f.token)! - f.due] : []));
      return { passMs: quantile(times, 0.5), passes: times.length, blockMs: loop.max / 1e6, ackP99: quantile(acks, 0.99), ackMax: Math.max(...acks), acks: acks.length, posted, storeCallsPerPost: posted > 0 ? storeCalls / posted : NaN };
    }

    // The minute pass as the scheduler runs it (main's pass has no scope: it looks at everything every time).
    // Warm up (the first commands compile and render), then the same commands with no pass running: what
    // the load on this machine costs them anyway, for comparison.
    await measure(() => new Promise((resolve) => setTimeout(resolve, 1_000)), false);
    const quiet = await measure(() => new Promise((resolve) => setTimeout(resolve, 2_000)), false);
    const idle = await measure(() => deliveryPass(deps, { now: IDLE_NOW, scope: 'due' }), true);
    const due = await measure(() => deliveryPass(deps, { now: DUE_NOW, scope: 'due' }), false);
    if (due.posted !== Math.ceil(size / 100)) throw new Error(`the 1% pass posted ${due.posted}, expected ${Math.ceil(size / 100)}`);
    return { openMs, quiet, idle, due };
  } finally {
    await bot.stop(0);
    await discord.close();
    await store.close();
  }
}

function line(name: string, m: Measured): string {
  if (name === 'no pass') return `    ${name.padEnd(8)}                 longest event-loop block ${ms(m.blockMs)} ms; /trends ack p99 ${ms(m.ackP99)} ms, max ${ms(m.ackMax)} ms (${m.acks} commands)`;
  return `    ${name.padEnd(8)} pass ${ms(m.passMs).padStart(6)} ms${m.passes > 1 ? ` (median of ${m.passes})` : ''}; longest event-loop block ${ms(m.blockMs)} ms; /trends ack p99 ${ms(m.ackP99)} ms, max ${ms(m.ackMax)} ms (${m.acks} commands)${Number.isNaN(m.storeCallsPerPost) ? '' : `; ${m.posted} posts, ${m.storeCallsPerPost.toFixed(1)} store round trips per post`}`;
}

async function report(backend: string, url: () => string): Promise<void> {
  for (const size of SIZES) {
    const { openMs, quiet, idle, due } = await bench(url(), size);
    console.log(`  ${backend}, ${size.toLocaleString('en')} subscriptions (store opened in ${ms(openMs)} ms, load ${loadavg()[0]!.toFixed(1)}):`);
    console.log(line('no pass', quiet));
    console.log(line('idle', idle));
    console.log(line('1% due', due));
  }
}

console.log(`The minute pass (posts to a chat in memory; machine load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
const STORES = (process.env.BENCH_PASS_STORES ?? 'sqlite,redis').split(',');
if (STORES.includes('sqlite')) await report('SQLite', () => tempSqliteUrl('ai-trends-pass-'));
if (!STORES.includes('redis')) {
  // SQLite only
} else if (redisAvailable) {
  const redis = await startRedis();
  try {
    let db = 0;
    // A fresh database per size (SELECT n in the URL), so each run starts from an empty store.
    await report('Redis', () => `${redis.url}/${db++}`);
  } finally {
    await redis.stop();
  }
} else {
  console.log('  Redis: skipped (redis-server not installed)');
}

// `npm run bench`: adding morning-post subscriptions one at a time (as `/trends subscribe` does, through
// `store.subscriptions.set`), 5,000 of them on SQLite and on a real Redis: the time of the 1st save and the
// 5,000th, and the median of the first and the last hundred (one save is a few ms, so a single one is noisy).
// Issue 24's goal: the 5,000th within 2× the 1st. This checkout's store; BENCH_SAVES_BEFORE=<dir of another
// checkout, with its node_modules> runs that checkout's store first, for before/after.
// BENCH_SAVES_COUNT sets the number (default 5,000).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Subscription } from '../../src/store/records.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { tempSqliteUrl } from '../helpers/store.js';

const COUNT = Number(process.env.BENCH_SAVES_COUNT ?? 5_000);
const repo = new URL('../../', import.meta.url).pathname;

interface SavingStore {
  subscriptions: { set(key: string, value: Subscription): Promise<void> };
  close(): Promise<void>;
}
type OpenStore = (url: string, scope: 'sample') => Promise<SavingStore>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));

async function saves(dir: string, url: string): Promise<number[]> {
  // The checkout's own store, from its source (tsx compiles it as it loads; dist/ is left alone, a bot may run from it).
  const { openStore } = (await import(pathToFileURL(join(dir, 'src/store/store.ts')).href)) as { openStore: OpenStore };
  const store = await openStore(url, 'sample');
  try {
    const times: number[] = [];
    for (let i = 0; i < COUNT; i++) {
      const channelId = String(1_400_000_000_000_000_000n + BigInt(i));
      const subscription: Subscription = { target: { platform: 'discord', workspaceId: `G${i % 50}`, channelId }, time: `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, timezone: 'Europe/Berlin', sections: ['summary'], createdBy: 'U1', createdAt: new Date().toISOString() };
      const started = performance.now();
      await store.subscriptions.set(`discord:${channelId}`, subscription);
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await store.close();
  }
}

async function report(backend: string, url: () => string): Promise<void> {
  const before = process.env.BENCH_SAVES_BEFORE;
  for (const [name, dir] of [...(before ? [[`before (${before})`, before] as const] : []), ['this checkout', repo] as const]) {
    const started = performance.now();
    const times = await saves(dir, url());
    const first = median(times.slice(0, 100));
    const last = median(times.slice(-100));
    console.log(`  ${backend}, ${name}: ${COUNT.toLocaleString('en')} saves in ${((performance.now() - started) / 1000).toFixed(1)} s; 1st ${ms(times[0]!)} ms, ${COUNT.toLocaleString('en')}th ${ms(times.at(-1)!)} ms; median of the first 100 ${ms(first)} ms, of the last 100 ${ms(last)} ms (${(last / first).toFixed(2)}×)`);
  }
}

console.log(`Subscriptions saved one at a time (${COUNT.toLocaleString('en')})`);
await report('SQLite', () => tempSqliteUrl('ai-trends-saves-'));
if (redisAvailable) {
  const redis = await startRedis();
  try {
    let db = 0;
    await report('Redis', () => `${redis.url}/${db++}`);
  } finally {
    await redis.stop();
  }
} else {
  console.log('  Redis: skipped (redis-server not installed)');
}

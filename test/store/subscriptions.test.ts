import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLook } from '../../src/time/occurrence.js';
import type { Subscription } from '../../src/store/records.js';
import { NEVER } from '../../src/store/schedule.js';
import { openStore } from '../../src/store/store.js';
import { seedLegacySubscriptions } from '../helpers/legacy-subscriptions.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.js';
import { tempSqliteUrl } from '../helpers/store.js';
import { watchStoreTraffic } from '../helpers/store-traffic.js';

// Subscriptions on a real SQLite file and a real Redis: a save costs the same whatever the number already
// stored, listings come a page at a time, and a store in the old layout (one index record of every key)
// is moved over at its first open without losing one.

const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];

function subscription(i: number, fields: Partial<Subscription> = {}): Subscription {
  return {
    target: { platform: i % 3 === 0 ? 'slack' : 'discord', workspaceId: `W${i % 4}`, channelId: `C${String(i).padStart(5, '0')}` },
    time: `${String(i % 24).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
    timezone: zones[i % zones.length]!,
    sections: ['summary'],
    createdBy: 'U1',
    createdAt: '2026-02-11T00:00:00.000Z',
    ...fields,
  };
}
const keyOf = (s: Subscription) => `${s.target.platform}:${s.target.channelId}`;

function subscriptionsContract(name: string, url: () => string) {
  describe(`subscriptions on ${name}`, () => {
    it('a store in the old layout is moved over at its first open: every subscription listed and scheduled, none lost', async () => {
      const storeUrl = url();
      // 450 (three listing pages), one of them paused, and a key whose record is gone (left by an old crash).
      const saved = Array.from({ length: 450 }, (_, i) => subscription(i, i === 7 ? { paused: { code: 'missing_permissions', message: 'Missing Permissions', at: '2026-02-11T08:00:00Z', reportDate: '2026-02-11' } } : {}));
      const seeding = await openStore(storeUrl, 'sample');
      await seedLegacySubscriptions(seeding.keyv, saved);
      const index = (await seeding.keyv.get<string[]>('subscription-index:all'))!;
      await seeding.keyv.set('subscription-index:all', [...index, 'discord:GONE']);
      await seeding.close();

      const store = await openStore(storeUrl, 'sample');
      try {
        expect(store.migratedSubscriptions).toBe(450);
        expect(await store.keyv.get('subscription-index:all')).toBeUndefined();
        const listed = await store.subscriptions.list();
        expect(listed.map((s) => s.key).sort()).toEqual(saved.map(keyOf).sort());
        expect(Object.fromEntries(listed.map((s) => [s.key, s.value]))).toEqual(Object.fromEntries(saved.map((s) => [keyOf(s), s])));
        // Each is due at its first time after it was made; the paused one never.
        const entries = [...(await store.subscriptions.schedule.list({ platform: 'discord' }, 1_000)), ...(await store.subscriptions.schedule.list({ platform: 'slack' }, 1_000))];
        expect(entries).toHaveLength(450);
        for (const entry of entries) {
          const s = saved.find((x) => keyOf(x) === entry.key)!;
          expect(entry).toEqual({ key: keyOf(s), platform: s.target.platform, workspaceId: s.target.workspaceId, dueAt: s.paused ? NEVER : firstLook(s), stamp: Date.parse(s.createdAt) });
        }
      } finally {
        await store.close();
      }
      const again = await openStore(storeUrl, 'sample');
      expect(again.migratedSubscriptions).toBe(0);
      expect(await again.subscriptions.list()).toHaveLength(450);
      await again.close();
    }, 60_000);

    it('a save sends the same few bytes with 2,000 subscriptions stored as with none', async () => {
      const store = await openStore(url());
      try {
        // Empty; the SQLite table of the schedule is made by this first call, not counted in the first save.
        expect(await store.subscriptions.list()).toEqual([]);
        const traffic = await watchStoreTraffic(store);
        const save = async (i: number) => {
          const before = { calls: traffic.calls, bytes: traffic.bytes };
          await store.subscriptions.set(keyOf(subscription(i)), subscription(i));
          return { calls: traffic.calls - before.calls, bytes: traffic.bytes - before.bytes };
        };
        const first = await save(0);
        for (let i = 1; i < 2_000; i++) await store.subscriptions.set(keyOf(subscription(i)), subscription(i));
        const last = await save(2_000);
        expect(last.calls).toBe(first.calls);
        // The same record and entry, one character longer each (C02000 against C00000 is the same length: equal).
        expect(last.bytes).toBeLessThanOrEqual(first.bytes + 20);
        expect(await store.subscriptions.list()).toHaveLength(2_001);
      } finally {
        await store.close();
      }
    }, 60_000);

    it('lists one workspace of one platform, and forgets an unsubscribed channel', async () => {
      const store = await openStore(url());
      try {
        for (let i = 0; i < 40; i++) await store.subscriptions.set(keyOf(subscription(i)), subscription(i));
        const w1 = await store.subscriptions.list({ platform: 'discord', workspaceId: 'W1' });
        expect(w1.map((s) => s.key)).toEqual(Array.from({ length: 40 }, (_, i) => subscription(i)).filter((s) => s.target.platform === 'discord' && s.target.workspaceId === 'W1').map(keyOf).sort());
        expect(await store.subscriptions.delete(w1[0]!.key)).toBe(true);
        expect(await store.subscriptions.delete(w1[0]!.key)).toBe(false);
        expect((await store.subscriptions.list({ platform: 'discord', workspaceId: 'W1' })).map((s) => s.key)).toEqual(w1.slice(1).map((s) => s.key));
        expect(await store.subscriptions.list()).toHaveLength(39);
      } finally {
        await store.close();
      }
    });
  });
}

subscriptionsContract('SQLite', () => tempSqliteUrl());

describe.skipIf(!redisAvailable)('Redis', () => {
  let redis: TestRedis;
  let db = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  subscriptionsContract('Redis', () => `${redis.url}/${db++}`);
});

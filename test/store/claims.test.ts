import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.js';
import { subscribeChannels } from '../helpers/morning.js';
import { tempSqliteUrl } from '../helpers/store.js';

// Claims are the one atomic step behind exactly-once: many claimants, two store connections (as two
// processes have), one winner; expiry hands the work on; only the holder releases.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `open(scope)`: two connections to one store, the second in `scope` (default the same, live). */
function claimContract(name: string, open: (secondScope?: 'live' | 'sample') => Promise<[Store, Store]>) {
  describe(`claims on ${name}`, () => {
    it('one winner among 40 concurrent claimants on two connections', async () => {
      const [a, b] = await open();
      try {
        const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).claims.claim('delivery:discord:C1:2026-02-11', `owner-${i}`, 60_000)));
        expect(results.filter(Boolean)).toHaveLength(1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('subscriptions saved at the same moment through two connections are all listed (the index update is claimed)', async () => {
      const [a, b] = await open();
      try {
        const channels = Array.from({ length: 40 }, (_, i) => `C${String(i).padStart(4, '0')}`);
        await Promise.all(channels.map((channelId, i) => subscribeChannels(i % 2 ? a : b, 'slack', 'T1', [channelId])));
        expect((await a.subscriptions.list()).map((entry) => entry.value.target.channelId).sort()).toEqual(channels);
        await Promise.all(channels.slice(0, 20).map((channelId, i) => (i % 2 ? a : b).subscriptions.delete(`slack:${channelId}`)));
        expect((await b.subscriptions.list()).map((entry) => entry.value.target.channelId).sort()).toEqual(channels.slice(20));
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('an expired claim passes to the next claimant; the holder may renew its own', async () => {
      const [a, b] = await open();
      try {
        expect(await a.claims.claim('k', 'first', 150)).toBe(true);
        expect(await b.claims.claim('k', 'second', 150)).toBe(false);
        expect(await a.claims.claim('k', 'first', 150)).toBe(true);
        await sleep(250);
        expect(await b.claims.claim('k', 'second', 60_000)).toBe(true);
        expect(await a.claims.claim('k', 'first', 60_000)).toBe(false);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('release frees the claim only for its holder', async () => {
      const [a, b] = await open();
      try {
        expect(await a.claims.claim('r', 'holder', 60_000)).toBe(true);
        await b.claims.release('r', 'someone-else');
        expect(await b.claims.claim('r', 'other', 60_000)).toBe(false);
        await a.claims.release('r', 'holder');
        expect(await b.claims.claim('r', 'other', 60_000)).toBe(true);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('the sample and live scopes never share a claim', async () => {
      const [live, sample] = await open('sample');
      try {
        expect(await live.claims.claim('s', 'x', 60_000)).toBe(true);
        expect(await sample.claims.claim('s', 'y', 60_000)).toBe(true);
      } finally {
        await Promise.all([live.close(), sample.close()]);
      }
    });
  });
}

claimContract('SQLite', async (scope = 'live') => {
  const url = tempSqliteUrl();
  return [await openStore(url), await openStore(url, scope)];
});

describe.skipIf(!redisAvailable)('Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  claimContract('Redis', async (scope = 'live') => [await openStore(redis.url), await openStore(redis.url, scope)]);
});

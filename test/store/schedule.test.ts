import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySchedule } from '../../src/store/memory-schedule.js';
import type { Platform } from '../../src/chat/target.js';
import { NEVER, type ScheduleEntry, type SubscriptionSchedule } from '../../src/store/schedule.js';
import { openStore, type Store } from '../../src/store/store.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.js';
import { tempSqliteUrl } from '../helpers/store.js';

// The subscription schedule on every backend it has (a table in SQLite, sorted sets on a real Redis, and
// the in-memory one of a store on a Map): the same answers to the same calls.

const entry = (key: string, dueAt: number, fields: Partial<ScheduleEntry> = {}): ScheduleEntry => ({ key, platform: 'discord', workspaceId: 'G1', dueAt, stamp: 1, ...fields });
const keys = (entries: ScheduleEntry[]) => entries.map((e) => e.key);

/** Every page of `platform` due by `until`, `size` at a time. */
async function allDue(schedule: SubscriptionSchedule, platform: Platform, until: number, size: number): Promise<string[]> {
  const seen: string[] = [];
  for (let after: ScheduleEntry | undefined; ; ) {
    const page = await schedule.due(platform, until, size, after);
    seen.push(...keys(page));
    if (page.length < size) return seen;
    after = page.at(-1);
  }
}

function scheduleContract(name: string, open: () => Promise<{ schedule: SubscriptionSchedule; close(): Promise<void> }>) {
  describe(`the schedule on ${name}`, () => {
    it('pages what is due by an instant, by due instant then key, one platform at a time', async () => {
      const { schedule, close } = await open();
      try {
        // Five at the same instant (the default 08:00 of many channels), one earlier, one later, one on Slack, one never.
        for (const key of ['discord:E', 'discord:C', 'discord:A', 'discord:D', 'discord:B']) await schedule.lookBy([entry(key, 1_000)]);
        await schedule.lookBy([entry('discord:Z', 500)]);
        await schedule.lookBy([entry('discord:LATE', 2_000)]);
        await schedule.lookBy([entry('slack:S', 900, { platform: 'slack', workspaceId: 'T1' })]);
        await schedule.lookBy([entry('discord:PAUSED', NEVER)]);
        expect(await allDue(schedule, 'discord', 1_000, 2)).toEqual(['discord:Z', 'discord:A', 'discord:B', 'discord:C', 'discord:D', 'discord:E']);
        expect(await allDue(schedule, 'discord', 499, 2)).toEqual([]);
        expect(await allDue(schedule, 'slack', 1_000, 10)).toEqual(['slack:S']);
        expect((await schedule.due('discord', 500, 10))[0]).toEqual({ key: 'discord:Z', platform: 'discord', workspaceId: 'G1', dueAt: 500, stamp: 1 });
        // The next look after an instant skips the paused one.
        expect(await schedule.next('discord', 1_000)).toBe(2_000);
        expect(await schedule.next('discord', 2_000)).toBeUndefined();
      } finally {
        await close();
      }
    });

    it('a save brings an entry forward and never puts it off; it always takes the saved stamp', async () => {
      const { schedule, close } = await open();
      try {
        await schedule.lookBy([entry('discord:C1', 5_000, { stamp: 1 })]);
        await schedule.lookBy([entry('discord:C1', 9_000, { stamp: 2 })]);
        expect(await schedule.due('discord', 9_000, 10)).toEqual([entry('discord:C1', 5_000, { stamp: 2 })]);
        await schedule.lookBy([entry('discord:C1', 3_000, { stamp: 3 })]);
        expect(await schedule.due('discord', 9_000, 10)).toEqual([entry('discord:C1', 3_000, { stamp: 3 })]);
      } finally {
        await close();
      }
    });

    it('moves an entry only where it still stands as it was read', async () => {
      const { schedule, close } = await open();
      try {
        await schedule.lookBy([entry('discord:A', 1_000)]);
        await schedule.lookBy([entry('discord:B', 1_000)]);
        await schedule.lookBy([entry('discord:C', 1_000)]);
        const [a, b, c] = await schedule.due('discord', 1_000, 10);
        // B is saved again after the pass read it (a new stamp); C is unsubscribed.
        await schedule.lookBy([entry('discord:B', 1_500, { stamp: 2 })]);
        await schedule.remove('discord:C', 'discord');
        await schedule.move([a!, b!, c!].map((from) => ({ from, to: { dueAt: 90_000, stamp: from.stamp } })));
        expect(await schedule.due('discord', 100_000, 10)).toEqual([entry('discord:B', 1_000, { stamp: 2 }), entry('discord:A', 90_000)]);
        expect(await schedule.list({ platform: 'discord' }, 10)).toHaveLength(2);
      } finally {
        await close();
      }
    });

    it('lists a workspace or a platform in pages, by workspace then key', async () => {
      const { schedule, close } = await open();
      try {
        for (const [key, workspaceId] of [['discord:3', 'G2'], ['discord:1', 'G1'], ['discord:2', 'G1'], ['discord:4', 'G10'], ['discord:5', 'G2']] as const) await schedule.lookBy([entry(key, 1_000, { workspaceId })]);
        const pages = async (workspaceId?: string) => {
          const seen: string[] = [];
          for (let after: ScheduleEntry | undefined; ; ) {
            const page = await schedule.list({ platform: 'discord', workspaceId }, 2, after);
            seen.push(...page.map((e) => `${e.workspaceId}/${e.key}`));
            if (page.length < 2) return seen;
            after = page.at(-1);
          }
        };
        expect(await pages()).toEqual(['G1/discord:1', 'G1/discord:2', 'G10/discord:4', 'G2/discord:3', 'G2/discord:5']);
        expect(await pages('G2')).toEqual(['G2/discord:3', 'G2/discord:5']);
        expect(await pages('G1')).toEqual(['G1/discord:1', 'G1/discord:2']);
        await schedule.remove('discord:3', 'discord');
        expect(await pages('G2')).toEqual(['G2/discord:5']);
        expect(await schedule.list({ platform: 'slack' }, 10)).toEqual([]);
      } finally {
        await close();
      }
    });
  });
}

const onStore = (store: Store) => ({ schedule: store.subscriptions.schedule, close: () => store.close() });

scheduleContract('SQLite', async () => onStore(await openStore(tempSqliteUrl())));
scheduleContract('memory', async () => ({ schedule: new MemorySchedule(), close: async () => undefined }));

describe.skipIf(!redisAvailable)('Redis', () => {
  let redis: TestRedis;
  let db = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  scheduleContract('Redis', async () => onStore(await openStore(`${redis.url}/${db++}`)));
});

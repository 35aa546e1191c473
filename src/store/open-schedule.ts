import type Keyv from 'keyv';
import { MemorySchedule } from './memory-schedule.js';
import { RedisSchedule, type RedisScheduleClient } from './redis-schedule.js';
import type { SubscriptionSchedule } from './schedule.js';
import { SqlSchedule } from './sql-schedule.js';

// Which schedule (schedule.ts) a store gets: its backend's own, through the connection keyv already has.

/** The schedule of the store behind `keyv`, by its scheme: native where the backend has it, in memory otherwise (tests on a Map). */
export function scheduleFor(keyv: Keyv, scheme: string, namespace: string): SubscriptionSchedule {
  const store = keyv.store as { query?: (sql: string, ...params: unknown[]) => Promise<unknown[]>; getClient?: () => Promise<RedisScheduleClient> };
  if (scheme === 'sqlite' && store.query) return new SqlSchedule((sql, ...params) => store.query!(sql, ...params), namespace, () => '?');
  // KeyvPostgres.query takes the values as one array.
  if ((scheme === 'postgres' || scheme === 'postgresql') && store.query) return new SqlSchedule((sql, ...params) => store.query!(sql, params), namespace, (n) => `$${n}`);
  if ((scheme === 'redis' || scheme === 'rediss') && store.getClient) return new RedisSchedule(() => store.getClient!(), namespace);
  return new MemorySchedule();
}

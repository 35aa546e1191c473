// Snowflakes for the fake Discord: 64-bit ids whose top 42 bits are milliseconds since the Discord epoch
// (2015-01-01), so discord.js's `createdTimestamp` is the real creation time. Generated from a counter
// (the low 12 bits), so ids created in one millisecond still sort in creation order. 18–19 digits today.
import { randomBytes } from 'node:crypto';

export const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;
let lastMs = 0n;

/** A new snowflake for "now" (or for `at`, epoch ms), strictly increasing within the process. */
export function snowflake(at: number = Date.now()): string {
  let ms = BigInt(Math.floor(at)) - DISCORD_EPOCH;
  if (ms < lastMs) ms = lastMs; // never go backwards (keeps ids ordered)
  if (ms === lastMs) {
    increment = (increment + 1n) & 0xfffn;
    if (increment === 0n) ms += 1n; // 4096 ids in one ms: borrow the next ms
  } else increment = 0n;
  lastMs = ms;
  const workerAndProcess = 1n << 17n; // worker 1, process 0
  return ((ms << 22n) | workerAndProcess | increment).toString();
}

/**
 * A new snowflake whose guild would live on shard `shard` of `shardCount` ((id >> 22) % count): the
 * next id whose millisecond part falls there, for tests that put guilds on chosen shards.
 */
export function snowflakeOnShard(shard: number, shardCount: number): string {
  for (;;) {
    const id = snowflake();
    if (Number((BigInt(id) >> 22n) % BigInt(shardCount)) === shard) return id;
    lastMs += 1n; // the next id's millisecond: try the next shard slot
    increment = 0n;
  }
}

/** The creation time (epoch ms) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** An opaque interaction/bot token (URL-safe). */
export function randomToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

import type { Platform } from '../chat/target.js';

// When each subscription next needs a look from the minute pass, kept by the backend itself: a sorted
// index on (platform, due instant). A pass asks for what is due by now and gets only that (nothing due:
// one indexed query; k due: k entries, a page at a time), a save changes one entry, and the subscriptions
// of a workspace or a platform are listed in pages. keyv has no sorted or paged reads, so, like the claims,
// each backend uses its own structure through the connection the store already has: a table in the
// SQLite file or Postgres database, sorted sets and a hash on Redis.
//
// An entry is a hint, never the truth: the pass reads the subscription record and works out what is owed
// from it. The one rule every writer keeps is that an entry is never later than the record's next post,
// so a post is never missed: a save only ever brings an entry forward, and the pass moves an entry on
// only where it still stands as the pass read it (nobody saved the subscription meanwhile).

/** An entry at this instant is never due: a paused subscription (until an admin subscribes again). */
export const NEVER = Number.MAX_SAFE_INTEGER;

export interface ScheduleEntry {
  /** The subscription's key, `discord:C1`. */
  key: string;
  platform: Platform;
  workspaceId: string;
  /** When the pass should look at it next (ms since the epoch). */
  dueAt: number;
  /** The version of the record this entry was made for (its createdAt, ms): a newer save changes it. */
  stamp: number;
}

/** Where a page of `due` or `keys` ends: the next page starts after it. */
export type ScheduleCursor = Pick<ScheduleEntry, 'dueAt' | 'key' | 'workspaceId'>;

/** Which subscriptions to list: a platform's, or one workspace's on it. */
export interface ScheduleScope {
  platform: Platform;
  workspaceId?: string;
}

export interface ScheduleMove {
  /** The entry as the pass read it. */
  from: ScheduleEntry;
  /** Where it goes: the next look of the record the pass handled. */
  to: Pick<ScheduleEntry, 'dueAt' | 'stamp'>;
}

export interface SubscriptionSchedule {
  /**
   * Saves (one, or a page of them at a migration; one entry per key): each entry takes the saved record's
   * stamp, its workspace, and the earlier of its present look and `dueAt` (a look the pass still owes is
   * never put off by a save).
   */
  lookBy(entries: readonly ScheduleEntry[]): Promise<void>;
  /** Moves each entry that still stands at `from` to `to`; entries changed since (saved, removed) are left as they are. */
  move(moves: readonly ScheduleMove[]): Promise<void>;
  /** Forgets `key` (an unsubscribed channel). */
  remove(key: string, platform: Platform): Promise<void>;
  /** Up to `limit` entries of `platform` due by `until`, by due instant then key, after `after`. */
  due(platform: Platform, until: number, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]>;
  /** The earliest look of `platform` after `after`, if any (the report to prepare before it). */
  next(platform: Platform, after: number): Promise<number | undefined>;
  /** Up to `limit` entries of `scope`, by workspace then key, after `after`. */
  list(scope: ScheduleScope, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]>;
}

import { firstLook } from '../time/occurrence.js';
import type { Collection } from './collection.js';
import { platforms, type Platform } from '../chat/target.js';
import type { Subscription } from './records.js';
import { NEVER, type ScheduleCursor, type ScheduleEntry, type ScheduleMove, type ScheduleScope, type SubscriptionSchedule } from './schedule.js';

// The morning-post subscriptions: a record per channel (`subscription:<platform>:<channel>`, plain JSON
// like every record) and the schedule (schedule.ts), which says when the minute pass should next look at
// each one. A save writes its schedule entry and its record, two small writes whatever the number of
// subscriptions; listings and the pass read them a page at a time.
//
// Until issue 24 the keys were kept in one index record (`subscription-index:all`), read whole by every
// pass and rewritten under a claim by every save: `migrate` moves such a store over, once, at start.

/** Subscriptions read at a time by listings and the migration. */
export const SUBSCRIPTION_PAGE = 200;

export interface ListedSubscription {
  key: string;
  value: Subscription;
}

/** The platform of a subscription's key (`discord:C1`: records.ts keys them by `channelKey`). */
function platformOf(key: string): Platform {
  const platform = key.slice(0, key.indexOf(':'));
  return (platforms as readonly string[]).includes(platform) ? (platform as Platform) : 'console';
}

/** The first look of a subscription as saved; a record that cannot be read as one (no time, a bad zone) is looked at once. */
export function entryFor(key: string, subscription: Subscription): ScheduleEntry {
  let dueAt: number;
  try {
    dueAt = firstLook(subscription);
    if (!Number.isFinite(dueAt)) dueAt = 0;
  } catch {
    // The pass reads it, cannot work out its times either, and sets it aside (logging why).
    dueAt = 0;
  }
  return { key, platform: subscription?.target?.platform ?? platformOf(key), workspaceId: subscription?.target?.workspaceId ?? '', dueAt, stamp: stampOf(subscription) };
}

/** A record's version for the schedule: when it was made (an admin's /subscribe makes a new one). */
export function stampOf(subscription: Pick<Subscription, 'createdAt'> | undefined): number {
  const stamp = Date.parse(subscription?.createdAt ?? '');
  return Number.isFinite(stamp) ? stamp : 0;
}

export class Subscriptions {
  constructor(
    private readonly records: Collection<Subscription>,
    readonly schedule: SubscriptionSchedule,
    /** The old single index record (`subscription-index:all`), read only to migrate it. */
    private readonly legacyIndex: Collection<string[]>,
  ) {}

  get(key: string): Promise<Subscription | undefined> {
    return this.records.get(key);
  }

  getMany(keys: readonly string[]): Promise<Array<Subscription | undefined>> {
    return this.records.getMany(keys);
  }

  /**
   * Saves `value` under `key`. The schedule first, so a process killed in between leaves an entry whose
   * record is older or missing (the pass copes with both), never a record the pass would not look at.
   */
  async set(key: string, value: Subscription): Promise<void> {
    await this.schedule.lookBy([entryFor(key, value)]);
    await this.records.set(key, value);
  }

  /** Removes the record, then its entry (an entry left without a record is set aside by the next pass). */
  async delete(key: string): Promise<boolean> {
    const existed = await this.records.delete(key);
    await this.schedule.remove(key, platformOf(key));
    return existed;
  }

  /** Every subscription of `scope` (all platforms' without one), a page at a time, in workspace and key order. */
  async *pages(scope?: ScheduleScope, size = SUBSCRIPTION_PAGE): AsyncGenerator<ListedSubscription[]> {
    for (const platform of scope ? [scope.platform] : platforms) {
      let after: ScheduleCursor | undefined;
      for (;;) {
        const entries = await this.schedule.list({ platform, workspaceId: scope?.workspaceId }, size, after);
        if (entries.length === 0) break;
        const values = await this.records.getMany(entries.map((e) => e.key));
        yield entries.flatMap((entry, i) => (values[i] ? [{ key: entry.key, value: values[i]! }] : []));
        if (entries.length < size) break;
        after = entries.at(-1);
      }
    }
  }

  /** Every subscription of `scope`, gathered from the pages (admin listings and `status`; the pass reads pages). */
  async list(scope?: ScheduleScope): Promise<ListedSubscription[]> {
    const all: ListedSubscription[] = [];
    for await (const page of this.pages(scope)) all.push(...page);
    return all;
  }

  /** Up to `limit` entries of `platform` due by `until`, after `after`: one page of the minute pass. */
  due(platform: Platform, until: number, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]> {
    return this.schedule.due(platform, until, limit, after);
  }

  /** The first look of `platform` after `after`; undefined when none is scheduled. */
  async next(platform: Platform, after: number): Promise<number | undefined> {
    const next = await this.schedule.next(platform, after);
    return next === undefined || next >= NEVER ? undefined : next;
  }

  move(moves: readonly ScheduleMove[]): Promise<void> {
    return moves.length === 0 ? Promise.resolve() : this.schedule.move(moves);
  }

  /**
   * Moves subscriptions saved in the old layout (one index record of every key) to the schedule, then
   * deletes that record. Safe to run again and from two processes at once (a save only brings an entry
   * forward); a process killed midway does the rest at its next start. Returns how many it scheduled.
   */
  async migrate(): Promise<number> {
    const keys = await this.legacyIndex.get('all');
    if (!keys) return 0;
    let scheduled = 0;
    for (let start = 0; start < keys.length; start += SUBSCRIPTION_PAGE) {
      const page = keys.slice(start, start + SUBSCRIPTION_PAGE);
      const values = await this.records.getMany(page);
      const entries = values.flatMap((value, i) => (value ? [entryFor(page[i]!, value)] : []));
      await this.schedule.lookBy(entries);
      scheduled += entries.length;
    }
    await this.legacyIndex.delete('all');
    return scheduled;
  }
}

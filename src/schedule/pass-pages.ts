import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { ChatTarget } from '../chat/target.js';
import type { Platform } from '../chat/target.js';
import type { DeliveryRecord, Subscription } from '../store/records.js';
import type { ScheduleCursor, ScheduleEntry } from '../store/schedule.js';
import type { Store } from '../store/store.js';
import { deliveryKey, dueOccurrences, type Occurrence } from '../time/occurrence.js';

// What a pass works through, a page at a time: the subscriptions the schedule says are due by now (the
// minute pass), or every subscription (a full look: `ai-trends deliver`), each with the posts it owes by
// now and their ledger records. A page is three reads whatever its size (the schedule, the records, the
// ledger), and the event loop gets a turn between pages, so a pass over any number of subscriptions never
// holds the process for long, and never holds more than a page.

/** Subscriptions per page. */
export const PASS_PAGE = 200;

/** One subscription as a pass finds it. */
export type PassUnit =
  | { kind: 'owed'; entry: ScheduleEntry; subscription: Subscription; owed: Array<{ occurrence: Occurrence; record?: DeliveryRecord }> }
  /** A schedule entry whose record is gone (unsubscribed, or a save in progress). */
  | { kind: 'gone'; entry: ScheduleEntry }
  /** A record whose times cannot be worked out (a hand edit, a zone this runtime lacks). */
  | { kind: 'unreadable'; entry: ScheduleEntry; subscription: Subscription; error: unknown };

export interface PageOptions {
  store: Store;
  platform: Platform;
  now: Date;
  /** 'due': what the schedule says is due by now; 'all': every subscription of the platform. */
  scope: 'due' | 'all';
  /** Whether this process posts to a target (its Discord shard's guilds); others are left alone. */
  owns: (target: ChatTarget) => boolean;
}

/** The schedule's entries of one platform, a page at a time. */
async function* entryPages({ store, platform, now, scope }: PageOptions): AsyncGenerator<ScheduleEntry[]> {
  let after: ScheduleCursor | undefined;
  for (;;) {
    const entries = scope === 'due' ? await store.subscriptions.due(platform, now.getTime(), PASS_PAGE, after) : await store.subscriptions.schedule.list({ platform }, PASS_PAGE, after);
    if (entries.length > 0) yield entries;
    if (entries.length < PASS_PAGE) return;
    after = entries.at(-1);
  }
}

/** Every unit of the platform, page after page. */
export async function* passUnits(options: PageOptions): AsyncGenerator<PassUnit> {
  const { store, now, owns } = options;
  for await (const entries of entryPages(options)) {
    const subscriptions = await store.subscriptions.getMany(entries.map((e) => e.key));
    const units: PassUnit[] = [];
    for (const [i, entry] of entries.entries()) {
      const subscription = subscriptions[i];
      if (!subscription) units.push({ kind: 'gone', entry });
      else if (subscription.target.platform === 'console' || !owns(subscription.target)) continue;
      else {
        try {
          units.push({ kind: 'owed', entry, subscription, owed: dueOccurrences(subscription, now).map((occurrence) => ({ occurrence })) });
        } catch (error) {
          units.push({ kind: 'unreadable', entry, subscription, error });
        }
      }
    }
    // The ledger records of the page's owed posts, in one read.
    const owed = units.flatMap((unit) => (unit.kind === 'owed' ? unit.owed : []));
    const records = await store.deliveries.getMany(owed.map(({ occurrence }) => deliveryKey(occurrence.subscription.target, occurrence.reportDate)));
    owed.forEach((o, i) => (o.record = records[i]));
    yield* units;
    await yieldToEvents();
  }
}

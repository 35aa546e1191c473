import type { Subscription } from '../store/records.js';
import { NEVER, type ScheduleEntry } from '../store/schedule.js';
import { stampOf } from '../store/subscriptions.js';
import { nextOccurrence } from '../time/occurrence.js';

// When the pass should look at a subscription again, once it has handled what the subscription owed:
// its next post, sooner when a post is waiting to be retried, never while it is paused, and "as it is"
// (the entry left alone, so the next pass looks again) when this pass could not settle a post.

/** What became of one owed post, as far as the next look is concerned. */
export interface Settled {
  outcome: string;
  /** A post waiting to be retried: not before this instant. */
  retryAt?: number;
}

/** How long a record and its schedule entry may disagree before the pass trusts the record (a save takes milliseconds). */
export const SAVE_IN_FLIGHT_MS = 10 * 60_000;
const MINUTE = 60_000;

/**
 * The next look at `subscription` after a pass at `now` settled `posts`; undefined to leave its entry as
 * it is. `entry` is the schedule entry the pass read.
 */
export function nextLook(subscription: Subscription, entry: ScheduleEntry, posts: readonly Settled[], now: Date): number | undefined {
  // Saved again since this entry was written and the record not yet there (a save in flight): the save
  // decides; only a disagreement that lasts (a save killed between its two writes) is settled here.
  if (entry.stamp > stampOf(subscription) && now.getTime() - entry.dueAt < SAVE_IN_FLIGHT_MS) return undefined;
  if (subscription.paused) return NEVER;
  const since = Math.max(now.getTime(), Date.parse(subscription.createdAt) - 1);
  let next = nextOccurrence(subscription, new Date(Number.isFinite(since) ? since : now.getTime())).dueAt.getTime();
  for (const post of posts) {
    switch (post.outcome) {
      case 'failed':
        // Failed for good: the subscription was paused (or an admin has just subscribed again, and saved it).
        return NEVER;
      case 'retrying':
      case 'waiting':
        // A retry's time; without one (the store failed under the post), the next pass looks again.
        if (post.retryAt === undefined) return undefined;
        next = Math.min(next, post.retryAt);
        break;
      case 'held':
      case 'not-connected':
      case 'would-post':
        // Another process has it, or this one cannot post it: look again at the next pass.
        return undefined;
    }
  }
  // Never at or before now: the entry would be due again within this very pass.
  return next > now.getTime() ? next : now.getTime() + MINUTE;
}

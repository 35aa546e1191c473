import { postingWeekdays, weekdayOf } from '../report/view.js';
import { channelKey, type ChatTarget } from '../chat/target.js';
import { utcDate } from '../time/day.js';
import type { Subscription } from '../store/records.js';
import { NEVER } from '../store/schedule.js';
import { addDays, localDate, localTimeInstant } from './local-time.js';

// What a subscription owes, computed from the clock and the record alone: each local day has one post
// at the channel's local time, and its report is that instant's (UTC) day. Nothing is scheduled ahead,
// so a subscription made, changed or removed takes effect at the next look, and a restart catches up.

export interface Occurrence {
  subscription: Subscription;
  /** The channel's local date of this post. */
  localDate: string;
  dueAt: Date;
  /** The report it posts: the UTC day of `dueAt`, the same report every channel gets for that day. */
  reportDate: string;
}

/** The ledger key of one channel's post of one report: `slack:C1:2026-02-11`. */
export function deliveryKey(target: ChatTarget, reportDate: string): string {
  return `${channelKey(target)}:${reportDate}`;
}

function occurrenceOn(subscription: Subscription, date: string): Occurrence {
  const dueAt = localTimeInstant(date, subscription.time, subscription.timezone);
  return { subscription, localDate: date, dueAt, reportDate: utcDate(dueAt) };
}

/**
 * The posts due by `now`: yesterday's and today's local ones (a late-evening time is caught up after
 * midnight), newest last. A post due before the subscription was made or last changed is not owed: a
 * channel that subscribes at 10:00 for 08:00 starts tomorrow, not with a post at once.
 */
export function dueOccurrences(subscription: Subscription, now: Date): Occurrence[] {
  const today = localDate(now, subscription.timezone);
  const since = Date.parse(subscription.createdAt);
  const weekdays = postingWeekdays(subscription.days);
  return [addDays(today, -1), today]
    .filter((date) => !weekdays || weekdays.has(weekdayOf(date)))
    .map((date) => occurrenceOn(subscription, date))
    .filter((o) => o.dueAt.getTime() <= now.getTime() && o.dueAt.getTime() >= since);
}

/** The next post after `now` (today's if still to come, else tomorrow's). */
export function nextOccurrence(subscription: Subscription, now: Date): Occurrence {
  // A day off its `days` (weekdays, mon,wed,fri, weekly:mon) is skipped: the next posting day, within a week.
  const weekdays = postingWeekdays(subscription.days);
  const posts = (date: string) => !weekdays || weekdays.size === 0 || weekdays.has(weekdayOf(date));
  const today = occurrenceOn(subscription, localDate(now, subscription.timezone));
  if (today.dueAt.getTime() > now.getTime() && posts(today.localDate)) return today;
  let date = addDays(today.localDate, 1);
  for (let i = 0; i < 7 && !posts(date); i++) date = addDays(date, 1);
  return occurrenceOn(subscription, date);
}

/**
 * When a subscription just saved first owes a post: its first time at or after the moment it was made
 * (`createdAt`), which is when the minute pass should first look at it. Never, while it is paused.
 */
export function firstLook(subscription: Subscription): number {
  if (subscription.paused) return NEVER;
  return nextOccurrence(subscription, new Date(Date.parse(subscription.createdAt) - 1)).dueAt.getTime();
}

import type { Checked } from '../checked.js';
import { checkTime } from '../time/time-of-day.js';
import { quoteInput } from '../text/quote.js';
import { localClock } from '../time/local-time.js';
import type { QuietHours } from './records.js';

// A channel's quiet hours: `quiet:22:00-07:00`, local to the channel's subscription zone (UTC without
// one); they may pass midnight. No alert goes out inside them (it is not kept for later: news by then).

export function checkQuietHours(value: string): Checked<QuietHours> {
  const [from, to, ...more] = value.split('-');
  const start = from === undefined ? undefined : checkTime(from);
  const end = to === undefined ? undefined : checkTime(to);
  if (more.length > 0 || !start?.ok || !end?.ok || start.value === end.value) {
    return { ok: false, message: `"${quoteInput(value)}" is not a span of quiet hours: use HH:MM-HH:MM on a 24-hour clock, e.g. quiet:22:00-07:00.` };
  }
  return { ok: true, value: { from: start.value, to: end.value } };
}

/** Whether `instant` falls inside the quiet hours, read in `timeZone`. */
export function inQuietHours(quiet: QuietHours | undefined, instant: Date, timeZone: string): boolean {
  if (!quiet) return false;
  const now = localClock(instant, timeZone);
  return quiet.from < quiet.to ? now >= quiet.from && now < quiet.to : now >= quiet.from || now < quiet.to;
}

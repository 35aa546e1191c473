import type { Checked } from '../checked.js';
import { quoteInput } from '../text/quote.js';

// A time of day as people type it ("8:00", "17:30"): the morning post's time and the alerts' quiet hours.

/** "HH:MM" on a 24-hour clock, or what would be accepted. */
export function checkTime(value: string): Checked<string> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) {
    return { ok: false, message: `"${quoteInput(value)}" is not a time of day: use HH:MM on a 24-hour clock, e.g. 08:00 or 17:30.` };
  }
  return { ok: true, value: `${String(hours).padStart(2, '0')}:${match[2]}` };
}

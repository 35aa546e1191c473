// The report's time windows, applied in code to `createdAt` against the injected `now`, whatever a
// Reddit listing returned.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const windows = {
  today: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
} as const;

export type WindowName = keyof typeof windows;

/** True when `createdAt` lies in (now − span, now]. A post from the future is never in a window. */
export function isWithin(createdAt: string, now: Date, spanMs: number): boolean {
  const created = Date.parse(createdAt);
  const end = now.getTime();
  return created <= end && created > end - spanMs;
}

export { utcDate } from '../time/day.js';

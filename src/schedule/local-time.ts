// Wall-clock time in an IANA zone, through Intl only (no time-zone library): the local date of an
// instant, and the instant a local "HH:MM" falls on for a given local date, DST days included.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall clock in `timeZone` at `instant`, as if it were UTC (ms): comparing it with Date.UTC works. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms (Berlin in winter: 3,600,000). */
export function zoneOffset(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

/** The local calendar date at `instant` in `timeZone`: YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** `date` plus `days`, for YYYY-MM-DD dates. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The first instant at or after local `time` ("HH:MM") on local `date` in `timeZone`. A time that
 * occurs twice (the fall-back hour) gives its first occurrence; a time that does not exist (inside the
 * spring-forward gap) gives the first minute after the gap, i.e. when the clock jumps past it.
 */
export function localTimeInstant(date: string, time: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  // A zone's offset is one of at most two values around a given day: try both, keep the earliest
  // instant that shows exactly the wanted wall time.
  const candidates = [...new Set([zoneOffset(wanted - 14 * HOUR, timeZone), zoneOffset(wanted + 14 * HOUR, timeZone)])]
    .map((offset) => wanted - offset)
    .filter((instant) => wallClock(instant, timeZone) === wanted)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]!);
  // In a gap: the wall clock goes from before `wanted` to after it without showing it. Its jump is
  // within a few hours before `wanted` read with the later offset; find it to the minute.
  let low = wanted - zoneOffset(wanted - 14 * HOUR, timeZone) - 3 * HOUR;
  let high = wanted - zoneOffset(wanted + 14 * HOUR, timeZone) + 3 * HOUR;
  // Invariant: wall(low) < wanted <= wall(high); no fall-back lies within a few hours of a gap.
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (wallClock(middle, timeZone) >= wanted) high = middle;
    else low = middle;
  }
  return new Date(high);
}

// Wall-clock time in an IANA zone, through Intl only (no time-zone library): the local date of an
// instant, and the instant a local "HH:MM" falls on for a given local date, DST days included.
// Reading a zone's wall clock (Intl's formatToParts) is the costly step, and thousands of channels share
// a few zones and times: each answer is remembered (a zone's current local day, each date/time/zone's
// instant), so a pass works each out once, not once per channel.

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

/** The local wall-clock time at `instant` in `timeZone`: HH:MM (24 h). */
export function localClock(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(11, 16);
}

/** Per zone, the local day last asked for and the instants it spans ([from, to)). */
const days = new Map<string, { date: string; from: number; to: number }>();

/** The local calendar date at `instant` in `timeZone`: YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  const at = instant.getTime();
  const known = days.get(timeZone);
  if (known && at >= known.from && at < known.to) return known.date;
  const date = new Date(wallClock(at, timeZone)).toISOString().slice(0, 10);
  // The day runs from its first local midnight to the next day's (where a jump skips midnight: from just after it).
  const from = localTimeInstant(date, '00:00', timeZone).getTime();
  const to = localTimeInstant(addDays(date, 1), '00:00', timeZone).getTime();
  if (at >= from && at < to) {
    if (days.size >= MAX_REMEMBERED) days.clear();
    days.set(timeZone, { date, from, to });
  }
  return date;
}

/** `date` plus `days`, for YYYY-MM-DD dates. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Answers remembered at most (a few per zone and time in use); past it they are all forgotten and worked out again. */
const MAX_REMEMBERED = 20_000;
const instants = new Map<string, number>();

/**
 * The first instant at or after local `time` ("HH:MM") on local `date` in `timeZone`. A time that
 * occurs twice (the fall-back hour) gives its first occurrence; a time that does not exist (inside the
 * spring-forward gap) gives the first minute after the gap, i.e. when the clock jumps past it.
 */
export function localTimeInstant(date: string, time: string, timeZone: string): Date {
  const key = `${date} ${time} ${timeZone}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = findLocalTime(date, time, timeZone);
    if (instants.size >= MAX_REMEMBERED) instants.clear();
    instants.set(key, instant);
  }
  return new Date(instant);
}

function findLocalTime(date: string, time: string, timeZone: string): number {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  // A zone's offset is one of at most two values around a given day: try both, keep the earliest
  // instant that shows exactly the wanted wall time.
  const candidates = [...new Set([zoneOffset(wanted - 14 * HOUR, timeZone), zoneOffset(wanted + 14 * HOUR, timeZone)])]
    .map((offset) => wanted - offset)
    .filter((instant) => wallClock(instant, timeZone) === wanted)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
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
  return high;
}

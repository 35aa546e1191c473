// Calendar days typed by people (YYYY-MM-DD), checked strictly: Date would silently turn 2026-02-30 into
// March 2nd, and a report for a day nobody asked for is worse than an error.

export type DayCheck = { ok: true; day: string } | { ok: false; reason: 'format' | 'calendar' };

const dayShape = /^(\d{4})-(\d{2})-(\d{2})$/;

export function checkDay(value: string): DayCheck {
  const match = dayShape.exec(value);
  if (!match) return { ok: false, reason: 'format' };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { ok: false, reason: 'calendar' };
  return { ok: true, day: value };
}

/** The UTC day `days` before `day` (YYYY-MM-DD in, YYYY-MM-DD out). */
export function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The UTC calendar day of an instant, YYYY-MM-DD: the key a report is stored under. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

import { reportSections } from '../src/reply/report.js';
import type { ReportSection } from '../src/store/records.js';
import { closeMatches, didYouMean } from '../src/text/suggest.js';
import { resolveTimeZone } from '../src/time/zone.js';
import { quoteInput } from '../src/text/quote.js';

// The values of `/subscribe`, each checked with an answer that says what would be accepted.

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export const DEFAULT_TIME = '08:00';
export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_SECTIONS: ReportSection[] = ['summary'];

export function checkTime(value: string): Checked<string> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) {
    return { ok: false, message: `"${quoteInput(value)}" is not a time of day: use HH:MM on a 24-hour clock, e.g. 08:00 or 17:30.` };
  }
  return { ok: true, value: `${String(hours).padStart(2, '0')}:${match[2]}` };
}

export function checkTimeZone(value: string): Checked<string> {
  const zone = resolveTimeZone(value);
  if (zone.ok) return { ok: true, value: zone.zone };
  return { ok: false, message: `Unknown time zone "${quoteInput(value)}".${didYouMean(zone.suggestions)} Use an IANA name such as Europe/Berlin, America/New_York or UTC.` };
}

/** A comma-separated list such as "summary,week"; repeated names count once. */
export function checkSections(value: string): Checked<ReportSection[]> {
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0) return { ok: false, message: `Name at least one section: ${reportSections.join(', ')}.` };
  const sections: ReportSection[] = [];
  for (const name of names) {
    const section = reportSections.find((s) => s === name);
    if (!section) return { ok: false, message: `Unknown section "${quoteInput(name)}".${didYouMean(closeMatches(name, reportSections))} Sections: ${reportSections.join(', ')} (several: summary,week).` };
    if (!sections.includes(section)) sections.push(section);
  }
  return { ok: true, value: sections };
}

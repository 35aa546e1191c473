import { daysBefore } from '../time/day.js';

// Is a question about days before the report ("what happened with X this month?")? If so, which stored
// reports should the answer see? English phrases only, read against the report's own date (not the
// clock), so a question in an old thread looks back from that thread's report.

/** At most this many earlier days are looked up for one question. */
export const MAX_PAST_DAYS = 31;

export interface PastScope {
  /** Earlier UTC days, newest first, never the report's own day. */
  dates: string[];
  /** What the question asked for, for the prompt and the offline answer ("last week"). */
  label: string;
}

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthName = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const monthPattern = new RegExp(`\\b(?:(in|during|since|of|from|early|late|mid)\\s+)?${monthName}\\b`, 'i');
// "Feb 3", "February 3rd", "3 Feb", "3rd of February".
const monthDayPattern = new RegExp(`\\b${monthName}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthName}\\b`, 'i');
const numberWords: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, few: 3, couple: 2, several: 5 };

/** The UTC day `offsetDays` after `date` (negative: before). */
function day(date: string, offsetDays: number): string {
  return daysBefore(date, -offsetDays);
}

/** Days from `from` to `to` inclusive (both YYYY-MM-DD, from ≤ to), newest first, before `reportDate`. */
function range(from: string, to: string, reportDate: string): string[] {
  const out: string[] = [];
  for (let d = to; d >= from && out.length < MAX_PAST_DAYS; d = day(d, -1)) if (d < reportDate) out.push(d);
  return out;
}

function monthIndex(name: string): number {
  return months.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3)));
}

function count(word: string): number {
  return numberWords[word.toLowerCase()] ?? Number.parseInt(word, 10);
}

/** The earlier days a question asks about, or null when it is about the report's day itself. */
export function pastScope(question: string, reportDate: string): PastScope | null {
  const q = question.toLowerCase();
  const scope = (from: string, to: string, label: string): PastScope | null => {
    const dates = range(from, to, reportDate);
    return dates.length > 0 ? { dates, label } : null;
  };
  const [year, month] = reportDate.split('-').map(Number) as [number, number];
  const weekday = (new Date(`${reportDate}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0

  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(q)?.[1];
  if (iso && iso < reportDate && !Number.isNaN(Date.parse(iso))) return scope(iso, iso, iso);

  const ago = /\b(\d{1,2}|an?|one|two|three|four|five|six|seven|few|couple|several)\s+(?:of\s+)?(days?|weeks?)\s+ago\b/.exec(q);
  if (ago) {
    const n = count(ago[1]!);
    if (ago[2]!.startsWith('day')) return scope(day(reportDate, -n), day(reportDate, -n), `${n} day(s) ago`);
    return scope(day(reportDate, -7 * n - 3), day(reportDate, -7 * n + 3), `${n} week(s) ago`);
  }
  const lastN = /\b(?:last|past|previous)\s+(\d{1,2}|two|three|four|five|six|seven|few|couple(?:\s+of)?|several)\s+(days?|weeks?)\b/.exec(q);
  if (lastN) {
    const n = count(lastN[1]!.split(/\s+/)[0]!);
    const days = lastN[2]!.startsWith('day') ? n : 7 * n;
    return scope(day(reportDate, -days), day(reportDate, -1), `the last ${days} days`);
  }
  if (/\b(the\s+)?day\s+before\s+yesterday\b/.test(q)) return scope(day(reportDate, -2), day(reportDate, -2), 'the day before yesterday');
  if (/\byesterday('s)?\b/.test(q)) return scope(day(reportDate, -1), day(reportDate, -1), 'yesterday');
  // "Last week" means the previous calendar week to some and the past seven days to others: cover both,
  // from the Monday of the previous week to yesterday (more context does no harm, missing it would).
  if (/\blast\s+week('s)?\b/.test(q)) return scope(day(reportDate, -weekday - 7), day(reportDate, -1), 'last week');
  if (/\b(this|past|previous)\s+week('s)?\b|\bweek\s+so\s+far\b|\blast\s+seven\s+days\b/.test(q)) {
    return scope(day(reportDate, -6), day(reportDate, -1), 'the past week');
  }
  if (/\blast\s+month('s)?\b/.test(q)) {
    const first = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
    return scope(first, last, 'last month');
  }
  if (/\b(this|past)\s+month('s)?\b|\bmonth\s+so\s+far\b|\blast\s+30\s+days\b/.test(q)) {
    return /\bpast\b|\b30\b/.test(q) ? scope(day(reportDate, -29), day(reportDate, -1), 'the past 30 days') : scope(`${reportDate.slice(0, 8)}01`, day(reportDate, -1), 'this month');
  }
  const dated = monthDayPattern.exec(q);
  if (dated) {
    const index = monthIndex(dated[1] ?? dated[4]!);
    const date = Number(dated[2] ?? dated[3]);
    const y = index + 1 > month ? year - 1 : year;
    const when = new Date(Date.UTC(y, index, date));
    if (when.getUTCMonth() === index) {
      const iso = when.toISOString().slice(0, 10);
      return scope(iso, iso, iso);
    }
  }
  const named = monthPattern.exec(q);
  // "may" is also a verb: only a month when a preposition such as "in" comes before it.
  if (named && (named[2] !== 'may' || named[1])) {
    const index = monthIndex(named[2]!);
    // The latest such month that is not after the report's month.
    const y = index + 1 > month ? year - 1 : year;
    const first = new Date(Date.UTC(y, index, 1)).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(y, index + 1, 0)).toISOString().slice(0, 10);
    return scope(first, last, `${months[index]![0]!.toUpperCase()}${months[index]!.slice(1)} ${y}`);
  }
  if (/\b(earlier|previously|previous\s+days|recently|lately|over\s+time|last\s+few\s+days|past\s+few\s+days|trend(ing)?\s+over|compared?\s+(to|with)\s+(before|earlier))\b/.test(q)) {
    return scope(day(reportDate, -7), day(reportDate, -1), 'the days before');
  }
  return null;
}

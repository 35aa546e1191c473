import { reportSections } from '../src/reply/report.js';
import type { ReportSection } from '../src/store/records.js';
import { closeMatches, didYouMean } from '../src/text/suggest.js';
import { resolveTimeZone } from '../src/time/zone.js';
import { quoteInput } from '../src/text/quote.js';
import type { Checked } from '../src/checked.js';

// The values of `/subscribe`, each checked with an answer that says what would be accepted.

export const DEFAULT_TIME = '08:00';
export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_SECTIONS: ReportSection[] = ['summary'];

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

// Issue 20's per-channel settings: communities, topics, language, days. Each has a word that clears it
// (`communities:all`, `topics:none`, `language:default`, `days:daily`), so an admin changes one setting
// without re-entering the others, and can go back to what an unset one means.

export const SETTING_KEYS = ['communities', 'topics', 'language', 'days'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Topic words per subscription, at most. */
export const MAX_TOPICS = 10;

/** What `communities` checks a community outside the configured ones with: public and readable, canonical name. */
export type CommunityCheck = (name: string) => Promise<{ ok: true; name: string } | { ok: false; reason: string }>;

const COMMUNITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/;

/**
 * `LocalLLaMA,LocalLLM` (r/ optional): configured communities by their configured spelling; others checked to
 * exist and be public, and the union over every subscription kept within `max`. `all` clears the setting.
 */
export async function checkCommunities(
  value: string,
  { configured, check, others, max }: { configured: readonly string[]; check?: CommunityCheck; others: readonly string[]; max: number },
): Promise<Checked<string[] | undefined>> {
  const names = value.split(/[\s,]+/).map((n) => n.trim().replace(/^\/?r\//i, '')).filter(Boolean);
  if (names.length === 1 && ['all', 'default'].includes(names[0]!.toLowerCase())) return { ok: true, value: undefined };
  if (names.length === 0) return { ok: false, message: `Name at least one community, e.g. communities:LocalLLaMA,MachineLearning (or communities:all). Configured: ${configured.join(', ')}.` };
  const chosen: string[] = [];
  for (const name of names) {
    if (!COMMUNITY_NAME.test(name)) return { ok: false, message: `"${quoteInput(name)}" is not a community name: letters, digits and _ (3 to 21 characters), e.g. LocalLLaMA.` };
    const known = configured.find((c) => c.toLowerCase() === name.toLowerCase()) ?? others.find((c) => c.toLowerCase() === name.toLowerCase());
    if (known) {
      if (!chosen.includes(known)) chosen.push(known);
      continue;
    }
    if (!check) return { ok: false, message: `r/${quoteInput(name)} is not one of the configured communities (${configured.join(', ')}), and others cannot be checked without the Reddit API.${didYouMean(closeMatches(name, [...configured]))}` };
    const checked = await check(name);
    if (!checked.ok) return { ok: false, message: `r/${quoteInput(name)} is not a public community (${checked.reason}): name one that exists and anyone can read, or one of ${configured.join(', ')}.` };
    if (!chosen.includes(checked.name)) chosen.push(checked.name);
  }
  const union = new Set([...configured, ...others, ...chosen].map((c) => c.toLowerCase()));
  if (union.size > max) {
    return { ok: false, message: `The bot reads at most ${max} communities a day (MAX_COMMUNITIES) and the subscriptions already want ${new Set([...configured, ...others].map((c) => c.toLowerCase())).size}: ${chosen.filter((c) => !configured.concat(others).some((k) => k.toLowerCase() === c.toLowerCase())).map((c) => `r/${c}`).join(', ')} would pass it. Choose among ${configured.concat(others).join(', ')}.` };
  }
  return { ok: true, value: chosen };
}

/** `+agents,+rag,-crypto` (or spaces): words to keep (+, or no sign) and to leave out (-). `none` clears. */
export function checkTopics(value: string): Checked<string[] | undefined> {
  const words = value.split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);
  if (words.length === 1 && ['none', 'all', 'any'].includes(words[0]!.toLowerCase())) return { ok: true, value: undefined };
  if (words.length === 0) return { ok: false, message: 'Name at least one topic word, e.g. topics:+agents,+rag,-crypto (or topics:none).' };
  if (words.length > MAX_TOPICS) return { ok: false, message: `At most ${MAX_TOPICS} topic words (got ${words.length}).` };
  const topics: string[] = [];
  for (const word of words) {
    const sign = word.startsWith('-') ? '-' : '+';
    const bare = word.replace(/^[+-]/, '').toLowerCase();
    if (!/^[\p{L}\p{N}][\p{L}\p{N}.#+_-]{0,39}$/u.test(bare)) return { ok: false, message: `"${quoteInput(word)}" is not a topic word: +word to keep posts that say it, -word to leave them out (letters and digits), e.g. topics:+agents,-crypto.` };
    const topic = `${sign}${bare}`;
    if (topics.includes(`${sign === '+' ? '-' : '+'}${bare}`)) return { ok: false, message: `"${quoteInput(bare)}" is both kept and left out: give it once, with + or -.` };
    if (!topics.includes(topic)) topics.push(topic);
  }
  return { ok: true, value: topics };
}

/** A BCP-47 tag Intl knows (`pt-BR`, `de`, `ja`), in its canonical form; `default` (or `en`) clears it. */
export function checkLanguage(value: string): Checked<string | undefined> {
  const trimmed = value.trim();
  if (['default', 'none'].includes(trimmed.toLowerCase())) return { ok: true, value: undefined };
  let tag: string | undefined;
  try {
    tag = Intl.getCanonicalLocales(trimmed)[0];
  } catch {
    tag = undefined;
  }
  const language = tag?.split('-')[0];
  const named = language ? new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(language) : undefined;
  if (!tag || !named) return { ok: false, message: `"${quoteInput(value)}" is not a language tag: use a BCP-47 tag such as pt-BR, de, es or ja (or language:default).` };
  return { ok: true, value: tag };
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** `daily`, `weekdays`, `mon,wed,fri`, or `weekly:mon` (a week digest on Mondays). */
export function checkDays(value: string): Checked<string | undefined> {
  const v = value.trim().toLowerCase();
  if (v === 'daily' || v === 'every' || v === 'default') return { ok: true, value: undefined };
  if (v === 'weekdays') return { ok: true, value: 'weekdays' };
  const accepted = `Use daily, weekdays, a list of days such as mon,wed,fri, or weekly:mon (a week digest).`;
  const weekly = /^weekly:(\w+)$/.exec(v);
  if (weekly) {
    const word = weekly[1]!;
    const day = DAY_NAMES.find((d) => word === d || (word.length >= 3 && fullDayName(d).startsWith(word)));
    return day ? { ok: true, value: `weekly:${day}` } : { ok: false, message: `"${quoteInput(weekly[1]!)}" is not a day of the week. ${accepted}` };
  }
  const days: string[] = [];
  for (const word of v.split(',').map((d) => d.trim()).filter(Boolean)) {
    const day = DAY_NAMES.find((d) => word === d || word === `${d}day` || (word.length >= 3 && fullDayName(d).startsWith(word)));
    if (!day) return { ok: false, message: `"${quoteInput(word)}" is not a day. ${accepted}` };
    if (!days.includes(day)) days.push(day);
  }
  if (days.length === 0) return { ok: false, message: `No day given. ${accepted}` };
  if (days.length === 7) return { ok: true, value: undefined };
  return { ok: true, value: DAY_NAMES.filter((d) => days.includes(d)).join(',') };
}

function fullDayName(day: string): string {
  return { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' }[day]!;
}

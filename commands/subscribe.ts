import { paragraph, note, type Reply } from '../src/reply/reply.js';
import { reportSections } from '../src/reply/report.js';
import { channelKey, channelOf } from '../src/chat/target.js';
import type { Subscription } from '../src/store/records.js';
import { closeMatches } from '../src/text/suggest.js';
import { resolveTimeZone } from '../src/time/zone.js';
import { adminRefusal, errorReply, fail, type Command, type CommandContext, type ParseResult } from './command.js';
import { checkTime } from '../src/time/time-of-day.js';
import { checkCommunities, checkDays, checkLanguage, checkSections, checkTimeZone, checkTopics, DEFAULT_SECTIONS, DEFAULT_TIME, DEFAULT_TIMEZONE, SETTING_KEYS, type SettingKey } from './subscription-options.js';
import { quoteInput } from '../src/text/quote.js';
import { pausedNotes } from './paused.js';

// `/subscribe [HH:MM] [time zone] [sections]`: the current channel's morning post. Stored here; the
// scheduler reads the same records and delivers.

export type SubscribeOptions = { time?: string; timezone?: string; sections?: string; communities?: string; topics?: string; language?: string; days?: string };

/**
 * `07:30 Europe/Berlin, sections: summary, week, communities: r/LocalLLaMA, topics: +agents -crypto,
 * language: pt-BR, days: weekdays`: how every reply names a subscription (the settings it has, all of them).
 */
export function describeSubscription(subscription: Pick<Subscription, 'time' | 'timezone' | 'sections' | 'communities' | 'topics' | 'language' | 'days'>): string {
  const parts = [`${subscription.time} ${subscription.timezone}, sections: ${subscription.sections.join(', ')}`];
  if (subscription.communities?.length) parts.push(`communities: ${subscription.communities.map((c) => `r/${c}`).join(', ')}`);
  if (subscription.topics?.length) parts.push(`topics: ${subscription.topics.join(' ')}`);
  if (subscription.language) parts.push(`language: ${subscription.language}`);
  if (subscription.days) parts.push(`days: ${subscription.days}`);
  return parts.join(', ');
}

/** `every day`, `on weekdays`, `on mon, wed, fri`, `every mon (a week digest)`. */
export function describeDays(days: string | undefined): string {
  if (!days) return 'every day';
  if (days === 'weekdays') return 'on weekdays';
  if (days.startsWith('weekly:')) return `every ${days.slice('weekly:'.length)} (a week digest)`;
  return `on ${days.split(',').join(', ')}`;
}

/** `communities:LocalLLaMA`: a setting word (after the time, zone and sections); undefined for another word. */
function settingWord(token: string): { key: SettingKey; value: string } | undefined {
  const match = /^([a-z]+)[:=](.*)$/i.exec(token);
  if (!match) return undefined;
  const key = SETTING_KEYS.find((k) => k === match[1]!.toLowerCase() || (k === 'communities' && ['community', 'subreddits', 'subreddit'].includes(match[1]!.toLowerCase())) || (k === 'topics' && match[1]!.toLowerCase() === 'topic'));
  return key ? { key, value: match[2]! } : undefined;
}

// The three values look different, so they may come in any order: a time starts with a digit, a zone
// has a slash or is one Intl knows, sections are section names (or near misses, to suggest the right one).
function parseSubscribe(tokens: string[]): ParseResult<SubscribeOptions> {
  const options: SubscribeOptions = {};
  let last: SettingKey | undefined;
  for (const token of tokens) {
    if (/^[a-z]+:/i.test(token) && !/^\d/.test(token)) {
      const setting = settingWord(token);
      if (!setting) return fail(`Unknown setting "${quoteInput(token.slice(0, token.indexOf(':')))}": use ${SETTING_KEYS.map((k) => `${k}:…`).join(', ')}, e.g. communities:LocalLLaMA,LocalLLM topics:+agents,-crypto language:pt-BR days:weekdays.`);
      if (options[setting.key] !== undefined) return fail(`Give ${setting.key} once (got ${quoteInput(options[setting.key]!)} and ${quoteInput(setting.value)}).`);
      options[setting.key] = setting.value;
      last = setting.key;
      continue;
    }
    // "communities:LocalLLaMA, LocalLLM" and "topics:+agents -crypto" arrive as several words.
    const continues = last === 'communities' ? options.communities!.endsWith(',') || token.startsWith(',') : last === 'topics' && /^[+-]/.test(token);
    if (last && continues) {
      options[last] = `${options[last]},${token}`.replace(/,+/g, ',');
      continue;
    }
    last = undefined;
    const kind = /^\d/.test(token)
      ? 'time'
      : token.includes('/') || resolveTimeZone(token).ok
        ? 'timezone'
        : token.includes(',') || closeMatches(token.toLowerCase(), reportSections).length > 0
          ? 'sections'
          : 'timezone';
    // "summary, week" arrives as two words: sections add up; a second time or zone is a mistake.
    if (kind === 'sections') options.sections = options.sections === undefined ? token : `${options.sections},${token}`;
    else if (options[kind] !== undefined) return fail(`Give one ${kind === 'timezone' ? 'time zone' : 'time'} at most (got ${quoteInput(options[kind])} and ${quoteInput(token)}).`);
    else options[kind] = token;
  }
  return { ok: true, options };
}

/** The terminal is a chat with nobody to post to at 08:00: it was stored, listed, and never delivered. */
export const terminalSubscribeRefusal =
  'Morning posts go to a Discord or Slack channel: this terminal cannot receive them. Connect Discord or Slack (README, "Connect Discord" or "Connect Slack") and run /trends-subscribe (Discord) or /trends subscribe (Slack) in a channel. For a report file every morning, run `ai-trends report --out FILE` from cron.';

async function runSubscribe(options: SubscribeOptions, context: CommandContext): Promise<Reply> {
  if (context.target.platform === 'console') return errorReply(terminalSubscribeRefusal);
  if (!context.isAdmin) return adminRefusal(subscribeCommand, context);
  const key = channelKey(context.target);
  // Subscribing again changes what is given and keeps the rest (an admin changes one setting alone).
  const previous = await context.services.store.subscriptions.get(key);
  const time = checkTime(options.time ?? previous?.time ?? DEFAULT_TIME);
  if (!time.ok) return errorReply(time.message);
  const timezone = checkTimeZone(options.timezone ?? previous?.timezone ?? DEFAULT_TIMEZONE);
  if (!timezone.ok) return errorReply(timezone.message);
  const sections = options.sections === undefined ? { ok: true as const, value: previous?.sections ?? DEFAULT_SECTIONS } : checkSections(options.sections);
  if (!sections.ok) return errorReply(sections.message);
  // Issue 20's settings: each checked before anything is stored; one left out keeps its earlier value.
  let communities = previous?.communities;
  if (options.communities !== undefined) {
    const services = context.services;
    const configured = services.communities ?? [];
    const others = services.communities ? await communitiesOfOthers(context, key, configured) : [];
    const checked = await checkCommunities(options.communities, { configured, check: services.checkCommunity, others, max: services.maxCommunities ?? 25 });
    if (!checked.ok) return errorReply(checked.message);
    communities = checked.value;
  }
  let topics = previous?.topics;
  if (options.topics !== undefined) {
    const checked = checkTopics(options.topics);
    if (!checked.ok) return errorReply(checked.message);
    topics = checked.value;
  }
  let language = previous?.language;
  if (options.language !== undefined) {
    const checked = checkLanguage(options.language);
    if (!checked.ok) return errorReply(checked.message);
    language = checked.value;
  }
  let days = previous?.days;
  if (options.days !== undefined) {
    const checked = checkDays(options.days);
    if (!checked.ok) return errorReply(checked.message);
    days = checked.value;
  }

  const subscription: Subscription = {
    target: channelOf(context.target),
    time: time.value,
    timezone: timezone.value,
    sections: sections.value,
    ...(communities?.length ? { communities } : {}),
    ...(topics?.length ? { topics } : {}),
    ...(language ? { language } : {}),
    ...(days ? { days } : {}),
    createdBy: context.userId,
    createdAt: context.now.toISOString(),
  };
  await context.services.store.subscriptions.set(key, subscription);
  const blocks = [paragraph(`Morning post for this channel: ${describeDays(subscription.days)} at ${describeSubscription(subscription)}.`)];
  if (previous) blocks.push(note(`This replaces the earlier setting (${describeSubscription(previous)}).`));
  if (options.timezone && timezone.value.toLowerCase() !== options.timezone.toLowerCase()) blocks.push(note(`${quoteInput(options.timezone)} is stored under its current name, ${timezone.value}.`));
  if (previous?.paused) blocks.push(note(`The paused morning post of this channel (${previous.paused.code} on ${previous.paused.reportDate}) runs again from its next time.`));
  blocks.push(...(await pausedNotes(context, context.target.channelId)));
  return { blocks };
}

/** The communities other channels' subscriptions want beyond the configured ones (the day's union, for its cap). */
async function communitiesOfOthers(context: CommandContext, key: string, configured: readonly string[]): Promise<string[]> {
  const others = new Map<string, string>();
  for (const { key: other, value } of await context.services.store.subscriptions.list()) {
    if (other === key) continue;
    for (const c of value.communities ?? []) if (!configured.some((k) => k.toLowerCase() === c.toLowerCase())) others.set(c.toLowerCase(), c);
  }
  return [...others.values()];
}

export const subscribeCommand: Command<SubscribeOptions> = {
  name: 'subscribe',
  description: "Post the daily report in this channel every morning (admins)",
  usage: '/subscribe [HH:MM] [time zone] [sections] [communities:…] [topics:…] [language:…] [days:…]',
  adminOnly: true,
  adminReason: 'it changes what this channel receives',
  answer: { private: false, slow: false },
  options: [
    { name: 'time', description: `Local time of the post, HH:MM on a 24-hour clock (default ${DEFAULT_TIME})`, example: '07:30' },
    { name: 'timezone', description: `IANA time zone (default ${DEFAULT_TIMEZONE})`, suggest: 'timeZones', example: 'Europe/Berlin' },
    { name: 'sections', description: `Sections to post, comma-separated (default ${DEFAULT_SECTIONS.join(',')})`, example: 'summary,week' },
    { name: 'communities', description: 'Only these communities, comma-separated (default: every configured one; all resets)', suggest: 'communityList', example: 'LocalLLaMA,LocalLLM' },
    { name: 'topics', description: 'Words to keep (+) and leave out (-), on title, flair and body (none resets)', example: '+agents,-crypto' },
    { name: 'language', description: 'The analysis in this language, a BCP-47 tag (default resets)', example: 'pt-BR' },
    { name: 'days', description: 'daily (default), weekdays, mon,wed,fri, or weekly:mon (a week digest)', example: 'weekdays' },
  ],
  parse: parseSubscribe,
  run: runSubscribe,
};

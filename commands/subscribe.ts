import { paragraph, note, type Reply } from '../src/reply/reply.js';
import { reportSections } from '../src/reply/report.js';
import { channelKey, channelOf } from '../src/chat/target.js';
import type { Subscription } from '../src/store/records.js';
import { closeMatches } from '../src/text/suggest.js';
import { resolveTimeZone } from '../src/time/zone.js';
import { adminRefusal, errorReply, fail, type Command, type CommandContext, type ParseResult } from './command.js';
import { checkSections, checkTime, checkTimeZone, DEFAULT_SECTIONS, DEFAULT_TIME, DEFAULT_TIMEZONE } from './subscription-options.js';
import { quoteInput } from '../src/text/quote.js';
import { pausedNotes } from './paused.js';

// `/subscribe [HH:MM] [time zone] [sections]`: the current channel's morning post. Stored here; the
// scheduler reads the same records and delivers.

export type SubscribeOptions = { time?: string; timezone?: string; sections?: string };

/** `07:30 Europe/Berlin, sections: summary, week`: how every reply names a subscription. */
export function describeSubscription(subscription: Pick<Subscription, 'time' | 'timezone' | 'sections'>): string {
  return `${subscription.time} ${subscription.timezone}, sections: ${subscription.sections.join(', ')}`;
}

// The three values look different, so they may come in any order: a time starts with a digit, a zone
// has a slash or is one Intl knows, sections are section names (or near misses, to suggest the right one).
function parseSubscribe(tokens: string[]): ParseResult<SubscribeOptions> {
  const options: SubscribeOptions = {};
  for (const token of tokens) {
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
  const time = checkTime(options.time ?? DEFAULT_TIME);
  if (!time.ok) return errorReply(time.message);
  const timezone = checkTimeZone(options.timezone ?? DEFAULT_TIMEZONE);
  if (!timezone.ok) return errorReply(timezone.message);
  const sections = options.sections === undefined ? { ok: true as const, value: DEFAULT_SECTIONS } : checkSections(options.sections);
  if (!sections.ok) return errorReply(sections.message);

  const key = channelKey(context.target);
  const previous = await context.services.store.subscriptions.get(key);
  const subscription: Subscription = {
    target: channelOf(context.target),
    time: time.value,
    timezone: timezone.value,
    sections: sections.value,
    createdBy: context.userId,
    createdAt: context.now.toISOString(),
  };
  await context.services.store.subscriptions.set(key, subscription);
  const blocks = [paragraph(`Morning post for this channel: every day at ${describeSubscription(subscription)}.`)];
  if (previous) blocks.push(note(`This replaces the earlier setting (${describeSubscription(previous)}).`));
  if (options.timezone && timezone.value.toLowerCase() !== options.timezone.toLowerCase()) blocks.push(note(`${quoteInput(options.timezone)} is stored under its current name, ${timezone.value}.`));
  if (previous?.paused) blocks.push(note(`The paused morning post of this channel (${previous.paused.code} on ${previous.paused.reportDate}) runs again from its next time.`));
  blocks.push(...(await pausedNotes(context, context.target.channelId)));
  return { blocks };
}

export const subscribeCommand: Command<SubscribeOptions> = {
  name: 'subscribe',
  description: "Post the daily report in this channel every morning (admins)",
  usage: '/subscribe [HH:MM] [time zone] [sections]',
  adminOnly: true,
  adminReason: 'it changes what this channel receives',
  answer: { private: false, slow: false },
  options: [
    { name: 'time', description: `Local time of the post, HH:MM on a 24-hour clock (default ${DEFAULT_TIME})`, example: '07:30' },
    { name: 'timezone', description: `IANA time zone (default ${DEFAULT_TIMEZONE})`, suggest: 'timeZones', example: 'Europe/Berlin' },
    { name: 'sections', description: `Sections to post, comma-separated (default ${DEFAULT_SECTIONS.join(',')})`, example: 'summary,week' },
  ],
  parse: parseSubscribe,
  run: runSubscribe,
};

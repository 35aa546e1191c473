import { heading, note, paragraph, type Reply } from '../src/reply/reply.js';
import { adminRefusal, fail, spelled, type Command, type CommandContext, type ParseResult } from './command.js';
import { describeSubscription, terminalSubscribeRefusal } from './subscribe.js';
import { quoteInput } from '../src/text/quote.js';
import { pausedNotes } from './paused.js';
import { alertChannels } from '../src/alerts/channels.js';
import { describeAlerts } from './alerts.js';

// `/subscriptions`: the morning posts of this workspace, for admins: the list names every channel that
// gets one, private ones included, and what failed there, which is not for every member to read.

export type SubscriptionsOptions = Record<string, never>;

function parseSubscriptions(tokens: string[]): ParseResult<SubscriptionsOptions> {
  if (tokens.length > 0) return fail(`/subscriptions takes no options (got "${quoteInput(tokens.join(' '))}").`);
  return { ok: true, options: {} };
}

async function runSubscriptions(_options: SubscriptionsOptions, context: CommandContext): Promise<Reply> {
  if (!context.isAdmin) return adminRefusal(subscriptionsCommand, context);
  const mine = (await context.services.store.subscriptions.list())
    .map((entry) => entry.value)
    .filter((s) => s.target.platform === context.target.platform && s.target.workspaceId === context.target.workspaceId)
    .sort((a, b) => a.target.channelId.localeCompare(b.target.channelId));
  const alerts = (await alertChannels(context.services.store))
    .filter((a) => a.target.platform === context.target.platform && a.target.workspaceId === context.target.workspaceId)
    .sort((a, b) => a.target.channelId.localeCompare(b.target.channelId));
  const alertLines = alerts.length === 0 ? [] : [heading(`Alerts (${alerts.length})`, 2), ...alerts.map((a) => paragraph({ text: `Channel ${a.target.channelId}${a.target.channelId === context.target.channelId ? ' (this channel)' : ''}`, strong: true }, `: ${describeAlerts(a)}`))];
  if (mine.length === 0) {
    if (alertLines.length > 0) return { blocks: [note('No morning posts are set up here yet.'), ...alertLines] };
    if (context.target.platform === 'console') return { blocks: [note(`No morning posts here. ${terminalSubscribeRefusal}`)] };
    return { blocks: [note(`No morning posts are set up here yet. An admin can add one with ${spelled(context, 'subscribe')} [HH:MM] [time zone] [sections].`)] };
  }
  return {
    blocks: [
      heading(`Morning posts (${mine.length})`, 2),
      ...mine.map((s) => paragraph({ text: `Channel ${s.target.channelId}${s.target.channelId === context.target.channelId ? ' (this channel)' : ''}`, strong: true }, `: ${describeSubscription(s)}${s.paused ? ' (paused)' : ''}`)),
      ...alertLines,
      ...(await pausedNotes(context)),
    ],
  };
}

export const subscriptionsCommand: Command<SubscriptionsOptions> = {
  name: 'subscriptions',
  description: 'List the morning posts set up in this server or workspace (admins)',
  usage: '/subscriptions',
  adminOnly: true,
  adminReason: 'it lists the morning posts of every channel here, private channels included',
  answer: { private: false, slow: false },
  options: [],
  parse: parseSubscriptions,
  run: runSubscriptions,
};

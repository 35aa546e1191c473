import { note, paragraph, type Reply } from '../src/reply/reply.js';
import { adminRefusal, fail, spelled, type Command, type CommandContext, type ParseResult } from './command.js';
import { channelKey } from '../src/chat/target.js';
import { describeSubscription } from './subscribe.js';
import { quoteInput } from '../src/text/quote.js';
import { pausedNotes } from './paused.js';

// `/unsubscribe`: stop the current channel's morning post.

export type UnsubscribeOptions = Record<string, never>;

function parseUnsubscribe(tokens: string[]): ParseResult<UnsubscribeOptions> {
  if (tokens.length > 0) return fail(`/unsubscribe takes no options (got "${quoteInput(tokens.join(' '))}"): it stops this channel's morning post.`);
  return { ok: true, options: {} };
}

async function runUnsubscribe(_options: UnsubscribeOptions, context: CommandContext): Promise<Reply> {
  if (!context.isAdmin) return adminRefusal(unsubscribeCommand, context);
  const key = channelKey(context.target);
  const existing = await context.services.store.subscriptions.get(key);
  if (!existing) return { blocks: [note(`This channel has no morning post to stop. ${spelled(context, 'subscribe')} sets one up.`)], private: true };
  await context.services.store.subscriptions.delete(key);
  return { blocks: [paragraph(`Morning post stopped for this channel (it was ${describeSubscription(existing)}).`), ...(await pausedNotes(context, context.target.channelId))] };
}

export const unsubscribeCommand: Command<UnsubscribeOptions> = {
  name: 'unsubscribe',
  description: "Stop this channel's morning post (admins)",
  usage: '/unsubscribe',
  adminOnly: true,
  adminReason: 'it changes what this channel receives',
  answer: { private: false, slow: false },
  options: [],
  parse: parseUnsubscribe,
  run: runUnsubscribe,
};

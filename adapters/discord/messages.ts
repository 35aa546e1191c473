import { randomUUID } from 'node:crypto';
import { MessageType, type Message } from 'discord.js';
import { streamAnswer } from '../../src/chat/stream.js';
import type { ThreadTarget } from '../../src/chat/target.js';
import { note } from '../../src/reply.js';
import type { DiscordDeps } from './context.js';

// Questions in a thread the bot opened under a report (or in a DM with the bot): answered from that
// report, streamed into the thread. Everything else is ignored: bots (the bot itself included), system
// messages, webhooks, threads not bound to a report. Edits arrive as another event and are not heard.

const asked = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/** Where a message was written, as a thread target; undefined outside threads and DMs. */
export function threadOf(message: Message): ThreadTarget | undefined {
  const channel = message.channel;
  if (channel.isThread()) return { platform: 'discord', workspaceId: message.guildId ?? 'dm', channelId: channel.parentId ?? channel.id, threadId: channel.id };
  if (channel.isDMBased()) return { platform: 'discord', workspaceId: 'dm', channelId: channel.id, threadId: channel.id };
  return undefined;
}

/** The question without the bot's own mention ("<@123> what about Kimi?" → "what about Kimi?"). */
function questionText(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), '').trim();
}

/**
 * Hears a message; a question is tracked from the first await on, so a shutdown waits for it (or posts
 * a note where it was cut) instead of closing the store under it.
 */
export function handleMessage(message: Message, deps: DiscordDeps): Promise<void> {
  if (message.author.bot || message.system || message.webhookId || !asked.has(message.type)) return Promise.resolve();
  // Read now: discord.js updates a cached message in place when it is edited, and an edit is not a question.
  const text = questionText(message.content, message.client.user.id);
  const target = threadOf(message);
  // Without the MessageContent intent, Discord sends an empty text unless the bot is mentioned.
  if (!target || !text || !deps.inFlight.accepting) return Promise.resolve();
  const cut = () => deps.chat.post(target, deps.chat.render({ blocks: [note('The bot is restarting, so this answer stops here. Ask again in a minute.', 'warning')] })[0]!);
  return deps.inFlight.track(answer(target, message.id, message.author.id, text, deps), cut).catch((error) =>
    deps.log.warn({ guild: message.guildId, channel: target.channelId, thread: target.threadId, err: String(error) }, 'discord: could not post an answer'),
  );
}

/** A question is answered once for a day, even by two bots on one store (both gateways hear it). */
const QUESTION_CLAIM_MS = 24 * 3_600_000;

async function answer(target: ThreadTarget, messageId: string, userId: string, text: string, deps: DiscordDeps): Promise<void> {
  // Only threads the bot opened under a report (bound in the store) are listened to.
  if (!(await deps.followUps.threadOf(target))) return;
  if (!(await deps.store.claims.claim(`discord-message:${messageId}`, randomUUID(), QUESTION_CLAIM_MS))) return;
  await streamAnswer(deps.chat, target, deps.followUps.answerStream({ target, userId, text }), { userId, editIntervalMs: deps.editIntervalMs, log: deps.log });
}

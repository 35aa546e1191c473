import { Events, MessageType, type Client, type Message } from 'discord.js';
import type { ThreadTarget } from '../../src/chat/target.js';
import { answerInThread } from '../../src/followup/answer-in-thread.js';
import type { DiscordDeps } from './deps.js';

// Messages the gateway sends, as questions for the one door (src/followup/answer-in-thread.ts), which
// decides whether and how they are answered. Heard here: people's messages in a thread or a DM, with
// some text once the bot's mention is taken out. Not heard: bots (the bot itself included), system
// messages, webhooks, messages in channels; edits arrive as another event and are not listened to.

const asked = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/** Where a message was written, as a thread target; undefined outside threads and DMs (a DM is its own thread). */
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

export function listenForQuestions(client: Client, deps: DiscordDeps): void {
  client.on(Events.MessageCreate, (message) => void hearQuestion(message, deps));
}

function hearQuestion(message: Message, deps: DiscordDeps): Promise<void> {
  if (message.author.bot || message.system || message.webhookId || !asked.has(message.type)) return Promise.resolve();
  // Read now: discord.js updates a cached message in place when it is edited, and an edit is not a question.
  const text = questionText(message.content, message.client.user.id);
  const target = threadOf(message);
  // Without the MessageContent intent, Discord sends an empty text unless the bot is mentioned.
  if (!target || !text) return Promise.resolve();
  // A message id is a snowflake, unique on Discord: every process on the gateway hears the same one.
  return answerInThread(deps.chat, { target, userId: message.author.id, text, deliveryId: message.id }, deps);
}

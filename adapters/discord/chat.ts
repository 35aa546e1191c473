import { ChannelType, ThreadAutoArchiveDuration, type Client, type SendableChannels } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { ChatAdapter, MessageRef, PostOptions } from '../../src/chat/adapter.js';
import { ChatError } from '../../src/chat/errors.js';
import { inThread, type ChatTarget, type ThreadTarget } from '../../src/chat/target.js';
import type { ChartData } from '../../src/analysis/chart-data.js';
import type { ChartPngRenderer } from '../../src/render/chart-png.js';
import { renderChartPngApart } from '../../src/render/chart-png-apart.js';
import { ChartPngs } from '../../src/render/chart-pngs.js';
import { discordMessage, discordThreadName, renderDiscord, withChartFile, type DiscordMessage } from '../../src/render/discord.js';
import { targetLimits, type TargetLimits } from '../../src/render/limits.js';
import type { Reply } from '../../src/reply/reply.js';
import { Pacer } from '../../src/chat/pacer.js';
import { toChatError } from './errors.js';

// Discord as a chat port: messages in channels and threads through discord.js. A thread is a channel
// of its own in Discord: a target's `threadId` is that channel's id, and `channelId` its parent. In a
// DM there are no threads: the DM itself is the conversation, so its "thread" is the DM channel.

/** Under Discord's 50, so drift between our clock and Discord's never makes a 51st in its second (bench: 0 429s at 47, some at 48). */
const GLOBAL_REQUESTS_PER_SECOND = 47;
/** How far back a retry looks for its own earlier post (a morning post is among the last few). */
const RECENT_MESSAGES = 50;
/** Said in a post whose chart the channel refused. */
export const ATTACH_FILES_NOTE = "The week's chart needs the Attach Files permission in this channel.";

export class DiscordChat implements ChatAdapter<DiscordMessage> {
  readonly platform = 'discord' as const;
  readonly limits: TargetLimits;
  /** Discord's global limit is 50 requests a second per bot: stay evenly under it (see Pacer). */
  private readonly pacer = new Pacer(GLOBAL_REQUESTS_PER_SECOND);

  /** One PNG per chart, drawn once whatever the number of channels it goes to. */
  private readonly pngs: ChartPngs;

  constructor(
    readonly client: Client,
    limits: Partial<TargetLimits> = {},
    /** Draws the chart PNG, in a child process by default (a test makes it fail). */
    renderPng: ChartPngRenderer = renderChartPngApart,
    private readonly log?: Logger,
  ) {
    this.limits = { ...targetLimits.discord, ...limits };
    this.pngs = new ChartPngs(renderPng);
  }

  /** The chart as an attached PNG (about 800×400) with its alt text in the attachment's description. */
  async withChart(message: DiscordMessage, chart: ChartData): Promise<DiscordMessage> {
    return withChartFile(message, await this.pngs.get(chart), chart.altText);
  }

  render(reply: Reply): DiscordMessage[] {
    return renderDiscord(reply);
  }

  draft(text: string): DiscordMessage {
    return discordMessage(text);
  }

  async post(target: ChatTarget, message: DiscordMessage, options: PostOptions = {}): Promise<MessageRef> {
    const channel = await this.channel(target, target.threadId ? 'Send Messages in Threads' : 'Send Messages');
    try {
      // With a marker, Discord itself refuses a second message with the same nonce for a few minutes and
      // returns the first: a retry right after a crash cannot post twice. The pass's posts go after any
      // other request waiting (an answer, a command's reply).
      await this.pacer.wait('', { background: options.background });
      const sent = await channel.send(options.marker ? { ...message, nonce: options.marker, enforceNonce: true } : message);
      return { target, messageId: sent.id };
    } catch (error) {
      const failure = toChatError(error, target.threadId ? 'Send Messages in Threads' : 'Send Messages');
      // A channel without Attach Files refuses the chart, not the report: it goes without the chart, saying
      // what to grant (a missing Send Messages fails again below, and is reported as such).
      if (!message.files?.length || failure.code !== 'missing_permissions') throw failure;
      this.log?.warn({ platform: 'discord', channel: target.channelId }, 'discord: the chart was refused (no Attach Files permission?); posting without it');
      const { files: _files, ...plain } = message;
      const line = `\n> ⚠️ ${ATTACH_FILES_NOTE}`;
      return this.post(target, { ...plain, content: plain.content.length + line.length <= this.limits.messageChars ? plain.content + line : plain.content }, options);
    }
  }

  /**
   * Discord does not return a message's nonce when it is read back, so a post is recognised by its
   * author and its words: the bot's own message, among the channel's last 50, that says `message`.
   */
  async findPosted(target: ChatTarget, _marker: string, message: DiscordMessage): Promise<MessageRef | undefined> {
    const channel = await this.channel(target, 'Read Message History');
    try {
      await this.pacer.wait();
      const recent = await channel.messages.fetch({ limit: RECENT_MESSAGES });
      const found = recent.find((m) => m.author.id === this.client.user?.id && m.content === message.content);
      return found ? { target, messageId: found.id } : undefined;
    } catch (error) {
      throw toChatError(error, 'Read Message History');
    }
  }

  async edit(ref: MessageRef, message: DiscordMessage): Promise<void> {
    const channel = await this.channel(ref.target, 'Send Messages');
    try {
      // `message` carries allowedMentions: an edit without it would be parsed with Discord's defaults.
      await this.pacer.wait();
      await channel.messages.edit(ref.messageId, message);
    } catch (error) {
      throw toChatError(error, 'Send Messages');
    }
  }

  async remove(ref: MessageRef): Promise<void> {
    const channel = await this.channel(ref.target, 'Manage Messages');
    try {
      await this.pacer.wait();
      await channel.messages.delete(ref.messageId);
    } catch (error) {
      throw toChatError(error, 'Manage Messages');
    }
  }

  async openThread(ref: MessageRef, name: string): Promise<ThreadTarget> {
    const channel = await this.channel(ref.target, 'Create Public Threads');
    if (channel.type === ChannelType.DM) return inThread(ref.target, channel.id);
    if (!('threads' in channel) || channel.isThread()) return inThread(ref.target, ref.target.threadId ?? ref.target.channelId);
    try {
      await this.pacer.wait();
      const thread = await channel.threads.create({ startMessage: ref.messageId, name: discordThreadName(name), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
      return inThread(ref.target, thread.id);
    } catch (error) {
      const failure = toChatError(error, 'Create Public Threads');
      // Opened already (by an attempt killed before it bound it): a thread started from a message has
      // that message's id, so it is found again rather than lost.
      if (failure.code === 'thread_exists') return inThread(ref.target, ref.messageId);
      throw failure;
    }
  }

  async typing(target: ChatTarget): Promise<void> {
    const channel = await this.channel(target, 'Send Messages');
    await this.pacer.wait();
    await channel.sendTyping();
  }

  /** The channel (or thread) a target names, from the cache or fetched once. */
  private async channel(target: ChatTarget, permission: string): Promise<SendableChannels> {
    const id = target.threadId ?? target.channelId;
    let channel;
    try {
      channel = this.client.channels.cache.get(id) ?? (await this.client.channels.fetch(id));
    } catch (error) {
      throw toChatError(error, permission);
    }
    if (!channel || !channel.isSendable()) {
      throw new ChatError('discord', 'permanent', 'channel_not_found', `Discord channel ${id} is gone or not a text channel`, 'Subscribe a text channel the bot can see.');
    }
    return channel;
  }
}

import type { ChatAdapter, MessageRef, NativeStream, PostOptions } from '../../src/chat/adapter.js';
import { ChatError } from '../../src/chat/errors.js';
import { channelOf, inThread, type ChatTarget, type ThreadTarget } from '../../src/chat/target.js';
import { discordMessage, renderDiscord, type DiscordMessage } from '../../src/render/discord.js';
import { targetLimits, type TargetLimits } from '../../src/render/limits.js';
import type { Reply } from '../../src/reply/reply.js';

// A chat platform in memory for unit tests of deliver and stream: Discord's renderer and limits (or
// others given), every call recorded with its time, failures scripted per call kind.

export type Call =
  | { kind: 'post'; target: ChatTarget; content: string; id: string; at: number; marker?: string }
  | { kind: 'edit'; id: string; content: string; at: number }
  | { kind: 'remove'; id: string; at: number }
  | { kind: 'thread'; id: string; name: string; at: number }
  | { kind: 'private'; target: ChatTarget; userId: string; content: string; at: number }
  | { kind: 'typing'; at: number }
  | { kind: 'append'; text: string; at: number }
  | { kind: 'stop'; content: string; at: number };

export interface FakeOptions {
  limits?: Partial<TargetLimits>;
  /** Offer native streaming; `failAppendAfter` makes the n-th append throw (stream expired). */
  native?: { failAppendAfter?: number; refuse?: boolean };
  private?: boolean;
}

export class FakeChatAdapter implements ChatAdapter<DiscordMessage> {
  readonly platform = 'discord' as const;
  readonly limits: TargetLimits;
  readonly calls: Call[] = [];
  /** Current text of every message by id. */
  readonly messages = new Map<string, string>();
  private next = 0;
  private readonly failures: Array<{ kind: Call['kind']; error: Error }> = [];
  readonly postPrivate?: ChatAdapter<DiscordMessage>['postPrivate'];
  readonly startStream?: ChatAdapter<DiscordMessage>['startStream'];

  constructor(private readonly options: FakeOptions = {}) {
    this.limits = { ...targetLimits.discord, editIntervalMs: 20, ...options.limits };
    if (options.private) {
      this.postPrivate = async (target, userId, message) => void this.calls.push({ kind: 'private', target, userId, content: message.content, at: Date.now() });
    }
    if (options.native) this.startStream = (target) => this.native(target);
  }

  /** The next call of this kind throws `error` (a ChatError by default). */
  failNext(kind: Call['kind'], error: Error = new ChatError('discord', 'permanent', 'missing_permissions', 'Missing Permissions')): void {
    this.failures.push({ kind, error });
  }

  private readonly channelFailures = new Map<string, () => Error>();

  /** Every post to `channelId` throws what `error` makes (a deleted channel, an outage there). */
  failChannel(channelId: string, error: () => Error = () => new ChatError('discord', 'permanent', 'channel_not_found', 'Unknown Channel')): void {
    this.channelFailures.set(channelId, error);
  }

  /** Posts in a channel itself (not in its threads), in order. */
  channelPosts(channelId: string): Array<Extract<Call, { kind: 'post' }>> {
    return this.of('post').filter((c) => c.target.channelId === channelId && !c.target.threadId);
  }

  async findPosted(target: ChatTarget, marker: string): Promise<MessageRef | undefined> {
    const found = this.channelPosts(target.channelId).find((c) => c.marker === marker);
    return found ? { target, messageId: found.id } : undefined;
  }

  private maybeFail(kind: Call['kind']): void {
    const index = this.failures.findIndex((f) => f.kind === kind);
    if (index >= 0) throw this.failures.splice(index, 1)[0]!.error;
  }

  render(reply: Reply): DiscordMessage[] {
    return renderDiscord(reply, this.limits.messageChars);
  }

  draft(text: string): DiscordMessage {
    return discordMessage(text);
  }

  async post(target: ChatTarget, message: DiscordMessage, options: PostOptions = {}): Promise<MessageRef> {
    this.maybeFail('post');
    const failure = this.channelFailures.get(target.channelId);
    if (failure) throw failure();
    const id = `m${++this.next}`;
    this.calls.push({ kind: 'post', target, content: message.content, id, at: Date.now(), ...(options.marker ? { marker: options.marker } : {}) });
    this.messages.set(id, message.content);
    return { target, messageId: id };
  }

  async edit(ref: MessageRef, message: DiscordMessage): Promise<void> {
    this.maybeFail('edit');
    this.calls.push({ kind: 'edit', id: ref.messageId, content: message.content, at: Date.now() });
    this.messages.set(ref.messageId, message.content);
  }

  async remove(ref: MessageRef): Promise<void> {
    this.calls.push({ kind: 'remove', id: ref.messageId, at: Date.now() });
    this.messages.delete(ref.messageId);
  }

  async openThread(ref: MessageRef, name: string): Promise<ThreadTarget> {
    this.maybeFail('thread');
    this.calls.push({ kind: 'thread', id: ref.messageId, name, at: Date.now() });
    return inThread(channelOf(ref.target), `thread-of-${ref.messageId}`);
  }

  async typing(): Promise<void> {
    this.calls.push({ kind: 'typing', at: Date.now() });
  }

  private async native(target: ThreadTarget): Promise<NativeStream<DiscordMessage> | undefined> {
    const { refuse, failAppendAfter } = this.options.native!;
    if (refuse) throw new Error('streaming not allowed here');
    let appends = 0;
    // The stream's message exists from the start, as on Slack.
    const ref = { target, messageId: `m${++this.next}` };
    this.messages.set(ref.messageId, '');
    return {
      ref,
      append: async (text) => {
        if (failAppendAfter !== undefined && ++appends > failAppendAfter) throw new Error('stream expired');
        this.calls.push({ kind: 'append', text, at: Date.now() });
      },
      stop: async (final) => {
        this.calls.push({ kind: 'stop', content: final.content, at: Date.now() });
        this.messages.set(ref.messageId, final.content);
        return ref;
      },
    };
  }

  of<K extends Call['kind']>(kind: K): Array<Extract<Call, { kind: K }>> {
    return this.calls.filter((c): c is Extract<Call, { kind: K }> => c.kind === kind);
  }
}

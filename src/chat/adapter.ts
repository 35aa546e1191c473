import type { ChartData } from '../analysis/chart-data.js';
import type { TargetLimits } from '../render/limits.js';
import type { Reply } from '../reply/reply.js';
import type { ChatTarget, Platform, ThreadTarget } from './target.js';

// The port every chat platform plugs into. An adapter is these calls (post, edit, open a thread…) in its
// SDK, plus the translation of its platform's events into commands and questions; nothing more. What
// to post, how to split it, when to open a thread and how to stream are decided once, in deliver.ts and
// stream.ts, for every platform.

/** A posted message, enough to edit it or open a thread under it. */
export interface MessageRef {
  target: ChatTarget;
  messageId: string;
}

/** Platform-native streaming of an answer (Slack's chat.startStream…), used instead of edits when present. */
export interface NativeStream<M = unknown> {
  /** The message the stream writes into: edited like any draft when the stream expires midway. */
  readonly ref: MessageRef;
  append(text: string): Promise<void>;
  /** Ends the stream with the final message (the grounded answer), which replaces what was streamed. */
  stop(final: M): Promise<MessageRef>;
}

/**
 * A short token (at most 25 characters) that says what a post is, such as a morning post of one report
 * date. The platform keeps it with the message (a Discord nonce, Slack message metadata), so a retry
 * after a crash can find the post it made instead of posting again.
 */
export interface PostOptions {
  marker?: string;
  /**
   * A post in bulk (the morning pass to every channel): paced behind the posts people are waiting for
   * (answers, commands), so a pass in progress never holds an answer back.
   */
  background?: boolean;
}

export interface ChatAdapter<M = unknown> {
  readonly platform: Platform;
  readonly limits: TargetLimits;
  /** The Reply in this platform's payloads, each within `limits` (a pure renderer from src/render). */
  render(reply: Reply): M[];
  /** A message of streamed text, already cleaned (no pings, no unknown links), within `limits.messageChars`. */
  draft(text: string): M;
  /**
   * `message` (the first of a Reply) with the Reply's chart on it, the platform's way: a PNG attachment
   * with alt text (drawn apart, hence a promise), a native chart block, Unicode bars. Fails when the chart
   * cannot be drawn: deliver then posts the Reply without it and with a visible warning.
   */
  withChart?(message: M, chart: ChartData): M | Promise<M>;
  post(target: ChatTarget, message: M, options?: PostOptions): Promise<MessageRef>;
  /**
   * This bot's recent post in the channel made with `marker` (`message` is what that post said), if the
   * platform still shows one: how a retry learns that a killed attempt had posted after all.
   */
  findPosted?(target: ChatTarget, marker: string, message: M): Promise<MessageRef | undefined>;
  edit(ref: MessageRef, message: M): Promise<void>;
  /** Removes a message (a streamed draft the final answer no longer needs). */
  remove?(ref: MessageRef): Promise<void>;
  /**
   * Opens a thread under a posted message and returns where its messages go. Where the platform has no
   * threads (a DM, the terminal) the conversation itself is the thread: return it without a call.
   */
  openThread?(ref: MessageRef, name: string): Promise<ThreadTarget>;
  /** Shows a message to one person only (ephemeral), where the platform can. */
  postPrivate?(target: ChatTarget, userId: string, message: M): Promise<void>;
  /** "is typing…" while an answer is being written. */
  typing?(target: ChatTarget): Promise<void>;
  /** Native streaming, when the platform has it and allows it here; undefined to use edits. */
  startStream?(target: ThreadTarget, userId: string): Promise<NativeStream<M> | undefined>;
}

import type { Logger } from '../log.js';
import { cutText } from '../render/split.js';
import type { Reply } from '../reply/reply.js';
import type { ChatAdapter, MessageRef, NativeStream } from './adapter.js';
import type { ThreadTarget } from './target.js';

// An answer as it is written, the same on every platform: "typing" at once, a first message as soon as
// the first sentence is there, then edits at most once per `editIntervalMs` (Discord limits edits per
// channel), a new message when the text would pass the limit, and at the end the grounded reply
// (cited post links, numbers checked) in place of the draft. A platform with native streaming (Slack)
// gets the text through its stream instead of edits, and falls back to edits if the stream is refused.

export interface StreamOptions {
  userId: string;
  /** Overrides the platform's edit pacing (tests, benchmarks). */
  editIntervalMs?: number;
  log?: Logger;
}

/** What is streamed: the text as it is written, then the answer whose `reply` replaces it. */
export interface AnswerStream<A extends { reply: Reply }> {
  text: AsyncIterable<string>;
  done: Promise<A>;
}

export interface Streamed<A> {
  messages: MessageRef[];
  answer: A;
}

/** Draft text gets a cursor while more is coming. */
const CURSOR = ' …';
/** How often "typing" is renewed until the first message is out (Discord shows it for 10 s). */
const TYPING_RENEW_MS = 8_000;
/** A first message waits for a sentence end, a line break, or this much text. */
const FIRST_MESSAGE_CHARS = 120;
const sentenceEnd = /[.!?。！？:](\s|$)|\n/;

export async function streamAnswer<M, A extends { reply: Reply }>(adapter: ChatAdapter<M>, target: ThreadTarget, answer: AnswerStream<A>, options: StreamOptions): Promise<Streamed<A>> {
  const typing = keepTyping(adapter, target);
  const native = await startNative(adapter, target, options);
  const draft = new Draft(adapter, target, options.userId, options.editIntervalMs ?? adapter.limits.editIntervalMs, native, options.log, () => typing.stop());
  try {
    // A platform that cannot edit shows only the final reply; the text is still read to its end.
    for await (const delta of answer.text) if (adapter.limits.canEdit) draft.push(delta);
    const final = await answer.done;
    typing.stop();
    return { messages: await draft.finish(final), answer: final };
  } finally {
    typing.stop();
  }
}

async function startNative<M>(adapter: ChatAdapter<M>, target: ThreadTarget, options: StreamOptions): Promise<NativeStream<M> | undefined> {
  try {
    return await adapter.startStream?.(target, options.userId);
  } catch (error) {
    options.log?.info({ platform: adapter.platform, err: String(error) }, 'chat: native streaming refused, editing instead');
    return undefined;
  }
}

function keepTyping<M>(adapter: ChatAdapter<M>, target: ThreadTarget): { stop(): void } {
  if (!adapter.typing) return { stop() {} };
  const send = () => void adapter.typing!(target).catch(() => undefined); // cosmetic: never fails an answer
  send();
  const timer = setInterval(send, TYPING_RENEW_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** The messages of one streamed answer. Every platform call goes through one queue, in order. */
class Draft<M> {
  private readonly refs: MessageRef[] = [];
  /** The message being written, once posted. */
  private current: MessageRef | undefined;
  /** Text of the message being written. */
  private text = '';
  private shown = '';
  private started = false;
  private lastSend = 0;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly adapter: ChatAdapter<M>,
    private readonly target: ThreadTarget,
    private readonly userId: string,
    private readonly intervalMs: number,
    private native: NativeStream<M> | undefined,
    private readonly log: Logger | undefined,
    private readonly onFirstSend: () => void,
  ) {}

  push(delta: string): void {
    this.text = (this.text + delta).replace(/^\s+/, '');
    const max = this.native ? Number.POSITIVE_INFINITY : this.adapter.limits.draftChars;
    while (this.text.length > max) {
      // The message is full: it ends at a line or a space, and the rest starts the next one.
      const head = cutText(this.text, max)[0]!;
      const rest = this.text.slice(head.length).trimStart();
      this.clearTimer();
      this.enqueue(() => this.show(head, false).then(() => (this.current = undefined)));
      this.text = rest;
      this.started = false;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || !this.text) return;
    if (!this.started && !sentenceEnd.test(this.text) && this.text.length < FIRST_MESSAGE_CHARS) return;
    const wait = this.started ? Math.max(0, this.lastSend + this.intervalMs - Date.now()) : 0;
    this.started = true;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const text = this.text;
      this.enqueue(() => this.show(text, true));
    }, wait);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private enqueue(work: () => Promise<unknown>): void {
    this.queue = this.queue.then(work).then(
      () => undefined,
      (error) => this.log?.warn({ platform: this.adapter.platform, err: String(error) }, 'chat: a draft update failed; the final answer follows'),
    );
  }

  /** Shows `text` in the message being written: posts it first, edits it after. */
  private async show(text: string, more: boolean): Promise<void> {
    this.onFirstSend();
    if (this.native) {
      const fresh = text.startsWith(this.shown) ? text.slice(this.shown.length) : text;
      try {
        if (fresh) await this.native.append(fresh);
        this.shown = text;
        return;
      } catch (error) {
        // The stream expired midway: its message is already in the thread, so it becomes the draft that
        // edits continue (and the final reply replaces); a second message would leave a stale half answer.
        this.log?.info({ platform: this.adapter.platform, err: String(error) }, 'chat: native stream failed, editing instead');
        this.current = this.native.ref;
        this.refs.push(this.current);
        this.native = undefined;
      }
    }
    const message = this.adapter.draft(more ? text.trimEnd() + CURSOR : text);
    if (this.current) {
      await this.adapter.edit(this.current, message);
    } else {
      this.current = await this.adapter.post(this.target, message);
      this.refs.push(this.current);
    }
    this.shown = text;
    this.lastSend = Date.now();
  }

  /** Replaces the drafts with the final reply: edits in place, posts what does not fit, removes the rest. */
  async finish(final: { reply: Reply }): Promise<MessageRef[]> {
    this.clearTimer();
    await this.queue;
    const messages = this.adapter.render(final.reply);
    if (final.reply.private && this.refs.length === 0 && this.adapter.postPrivate && !this.native) {
      for (const message of messages) await this.adapter.postPrivate(this.target, this.userId, message);
      return [];
    }
    const refs: MessageRef[] = [];
    let [first, ...rest] = messages;
    if (this.native && first !== undefined) {
      try {
        refs.push(await this.native.stop(first));
        first = undefined;
      } catch (error) {
        this.log?.info({ platform: this.adapter.platform, err: String(error) }, 'chat: could not end the native stream, posting the answer');
      }
    }
    const remaining = first === undefined ? rest : [first, ...rest];
    const drafts = [...this.refs];
    for (const message of remaining) {
      const ref = drafts.shift();
      if (ref) {
        await this.pace();
        await this.adapter.edit(ref, message);
        refs.push(ref);
      } else {
        refs.push(await this.adapter.post(this.target, message));
      }
    }
    for (const ref of drafts) await (this.adapter.remove?.(ref) ?? this.adapter.edit(ref, this.adapter.draft('…')));
    return refs;
  }

  /** Keeps the final edit within the edit pacing too. */
  private async pace(): Promise<void> {
    const wait = this.lastSend + this.intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastSend = Date.now();
  }
}

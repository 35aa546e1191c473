import type { Logger } from '../log.js';
import { note, type Reply } from '../reply/reply.js';
import type { ChatAdapter, MessageRef } from './adapter.js';
import { isChatError, type ChatError } from './errors.js';
import type { ChatTarget, ThreadTarget } from './target.js';

// Posting a Reply anywhere, the same way on every platform: render it for the target, split within its
// limits (the renderer does), post the first message, open the thread the reply asks for and bind it
// to its report, then post the rest inside that thread (so the channel shows one message per report).
// Commands, the morning post and answers all come through here.

/** Binds a thread just opened under a report to that report, so questions asked in it are answered from it. */
export type BindReportThread = (thread: ThreadTarget, reportDate: string) => Promise<void>;

export interface DeliverOptions<M> {
  /** Posts the first message some other way (a Discord interaction's deferred reply is edited). */
  postFirst?: (message: M) => Promise<MessageRef>;
  bindThread?: BindReportThread;
  /** Kept with the first message, so a retry can find it (PostOptions). */
  marker?: string;
  /** Posts in bulk (the morning pass): the platform lets answers and commands go first (PostOptions). */
  background?: boolean;
  /**
   * The caller binds the thread itself, together with its own record (the morning post's ledger entry, in
   * one write), when nothing follows the first message. With a rest to post, `bindThread` still binds it
   * first: a bound thread is how a resumed delivery knows that its rest went out (resumeDelivery).
   */
  bindLater?: boolean;
  log?: Logger;
}

export interface Delivered {
  /** Every message posted, in order; the first is the one a thread hangs from. */
  messages: MessageRef[];
  /** The thread opened and bound, when the reply asked for one and the platform could. */
  thread?: ThreadTarget;
  /** Why the thread asked for could not be opened (a missing permission): worth telling the asker. */
  threadError?: ChatError;
  /** Whether `bindThread` bound `thread` (false: `bindLater`, the caller's to bind). */
  bound?: boolean;
}

export async function deliver<M>(adapter: ChatAdapter<M>, target: ChatTarget, reply: Reply, options: DeliverOptions<M> = {}): Promise<Delivered> {
  const [first, ...rest] = await renderWithChart(adapter, reply, options.log);
  if (first === undefined) return { messages: [] };
  const head = options.postFirst ? await options.postFirst(first) : await adapter.post(target, first, { marker: options.marker, background: options.background });
  return afterHead(adapter, target, head, reply, rest, options);
}

/**
 * Completes a delivery that an attempt killed after its first message (`head`, found on the platform by
 * its marker) left without its thread: the thread is opened (a Discord thread the attempt had opened is
 * found again) and bound, and the rest of the Reply is posted in it. The rest is posted after the binding
 * (afterHead), so a thread already bound means that attempt sent the rest too: then nothing is repeated.
 * Without a thread the rest went to the channel, where an attempt's progress cannot be told: not repeated.
 */
export async function resumeDelivery<M>(adapter: ChatAdapter<M>, target: ChatTarget, head: MessageRef, reply: Reply, options: DeliverOptions<M> & { threadBound(thread: ThreadTarget): Promise<boolean> }): Promise<Delivered> {
  if (!reply.openThread || !adapter.openThread) return { messages: [head] };
  const opened = await threadUnder(adapter, target, head, reply.openThread.title, options.log);
  if (!opened.thread) return { messages: [head], threadError: opened.error };
  if (await options.threadBound(opened.thread)) return { messages: [head], thread: opened.thread };
  const [, ...rest] = await renderWithChart(adapter, reply, options.log);
  return afterHead(adapter, target, head, reply, rest, options, opened);
}

type Opened = { thread?: ThreadTarget; error?: ChatError };

/** What follows the first message: the thread the Reply asks for, opened (unless `opened`) and bound, then the rest of it. */
async function afterHead<M>(adapter: ChatAdapter<M>, target: ChatTarget, head: MessageRef, reply: Reply, rest: M[], options: DeliverOptions<M>, opened?: Opened): Promise<Delivered> {
  const messages = [head];
  let thread: ThreadTarget | undefined;
  let threadError: ChatError | undefined;
  let bound = false;
  if (reply.openThread && adapter.openThread) {
    ({ thread, error: threadError } = opened ?? (await threadUnder(adapter, target, head, reply.openThread.title, options.log)));
    if (thread && options.bindThread && !(options.bindLater && rest.length === 0)) {
      await options.bindThread(thread, reply.openThread.reportDate);
      bound = true;
    }
  }
  // The rest follows in the thread when there is one, else where the first message went.
  const next = thread ?? head.target;
  for (const message of rest) messages.push(await adapter.post(next, message, { background: options.background }));
  return { messages, thread, threadError, bound };
}

/** The thread under `head`: the one asked in (Discord has no thread in a thread, so it is re-bound), else a new one. */
function threadUnder<M>(adapter: ChatAdapter<M>, target: ChatTarget, head: MessageRef, title: string, log: Logger | undefined): Promise<Opened> {
  return target.threadId ? Promise.resolve({ thread: { ...target, threadId: target.threadId } }) : openThread(adapter, head, title, log);
}

/** What a reader sees in place of a chart that could not be drawn. */
export const CHART_FAILED_NOTE = "The week's chart could not be drawn this time; the report itself is complete.";

/** The Reply without its chart, with the warning right under its title (so it is in the first message). */
export function withoutChart(reply: Reply): Reply {
  const { chart: _chart, ...rest } = reply;
  return { ...rest, blocks: [...reply.blocks.slice(0, 1), note(CHART_FAILED_NOTE, 'warning'), ...reply.blocks.slice(1)] };
}

/**
 * Each Reply's messages per adapter, while the Reply is in use: a morning pass posts one Reply object to
 * every channel of a platform, rendered once (the messages are plain data no adapter changes).
 */
const rendered = new WeakMap<Reply, WeakMap<object, Promise<unknown[]>>>();

function renderWithChart<M>(adapter: ChatAdapter<M>, reply: Reply, log: Logger | undefined): Promise<M[]> {
  const byAdapter = rendered.get(reply) ?? new WeakMap<object, Promise<unknown[]>>();
  rendered.set(reply, byAdapter);
  let messages = byAdapter.get(adapter) as Promise<M[]> | undefined;
  if (!messages) {
    messages = renderOnce(adapter, reply, log);
    byAdapter.set(adapter, messages);
  }
  return messages;
}

/**
 * The Reply's messages, the first carrying the chart. A chart that cannot be drawn (the renderer threw)
 * never costs the post: it goes out without the chart, with a warning in it and in the log.
 */
async function renderOnce<M>(adapter: ChatAdapter<M>, asked: Reply, log: Logger | undefined): Promise<M[]> {
  const reply = fitted(adapter, asked);
  const messages = adapter.render(reply);
  if (!reply.chart || !adapter.withChart || messages.length === 0) return messages;
  try {
    return [await adapter.withChart(messages[0]!, reply.chart), ...messages.slice(1)];
  } catch (error) {
    log?.warn({ platform: adapter.platform, err: String(error) }, 'chat: the chart could not be drawn; posting without it');
    return adapter.render(withoutChart(reply));
  }
}

/**
 * The first of the reply's `shorter` chain that this platform posts as one message; without one, the reply
 * itself (split as usual). The Reply posted is the one returned: render it, find it after a restart, with it.
 */
export function fitted<M>(adapter: Pick<ChatAdapter<M>, 'render'>, reply: Reply): Reply {
  for (let candidate: Reply | undefined = reply; candidate; candidate = candidate.shorter) {
    if (adapter.render(candidate).length <= 1) return candidate;
  }
  return reply;
}

/**
 * A thread that cannot be opened (a missing "Create Public Threads" permission) must not lose the
 * report: it stays in the channel, without follow-ups, and the log says why.
 */
async function openThread<M>(adapter: ChatAdapter<M>, head: MessageRef, title: string, log: Logger | undefined): Promise<{ thread?: ThreadTarget; error?: ChatError }> {
  try {
    return { thread: await adapter.openThread!(head, title) };
  } catch (error) {
    if (!isChatError(error) || !error.permanent) throw error;
    log?.warn({ platform: adapter.platform, channel: head.target.channelId, code: error.code }, `chat: could not open a thread: ${error.message}`);
    return { error };
  }
}

import { threadKey, type ThreadTarget } from '../chat/target.js';
import type { ThreadBinding, ThreadTurn } from '../store/records.js';
import type { Store } from '../store/store.js';

// Threads bound to a report, in the store so a restart (or another process on the same store) still
// knows what a thread is about and what was said in it.

/** Turns kept per thread; older ones are forgotten (the prompt uses fewer still, see prompt.ts). */
export const MAX_STORED_TURNS = 40;

export interface BindThread {
  target: ThreadTarget;
  reportDate: string;
}

export class ThreadStore {
  // Appends are read-modify-write: serialise them so two answers finishing together keep both turns.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  get(target: ThreadTarget): Promise<ThreadBinding | undefined> {
    return this.store.threads.get(threadKey(target));
  }

  /** Binds (or re-binds) a thread. Binding again to the same report keeps the conversation. */
  bind({ target, reportDate }: BindThread, now: Date): Promise<void> {
    return this.serialised(async () => {
      const existing = await this.get(target);
      const keep = existing && existing.reportDate === reportDate;
      await this.store.threads.set(threadKey(target), {
        target: { platform: target.platform, workspaceId: target.workspaceId, channelId: target.channelId, threadId: target.threadId },
        reportDate,
        createdAt: keep ? existing.createdAt : now.toISOString(),
        turns: keep ? existing.turns : [],
      });
    });
  }

  /** Adds a question and its answer together, so the stored turns always alternate. */
  append(target: ThreadTarget, turns: ThreadTurn[]): Promise<void> {
    return this.serialised(async () => {
      const binding = await this.get(target);
      if (!binding) return; // unbound meanwhile: nothing to remember it in
      await this.store.threads.set(threadKey(target), { ...binding, turns: [...binding.turns, ...turns].slice(-MAX_STORED_TURNS) });
    });
  }

  delete(target: ThreadTarget): Promise<boolean> {
    return this.serialised(() => this.store.threads.delete(threadKey(target)));
  }

  private serialised<R>(work: () => Promise<R>): Promise<R> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

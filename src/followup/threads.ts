import type { Platform, ThreadBinding, ThreadTurn } from '../store/records.js';
import type { Store } from '../store/store.js';

// Threads bound to a report, in the store so a restart (or another process on the same store) still
// knows what a thread is about and what was said in it.

/** Turns kept per thread; older ones are forgotten (the prompt uses fewer still, see prompt.ts). */
export const MAX_STORED_TURNS = 40;

export interface BindThread {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  threadId: string;
  reportDate: string;
}

const key = (platform: Platform, threadId: string) => `${platform}:${threadId}`;

export class ThreadStore {
  // Appends are read-modify-write: serialise them so two answers finishing together keep both turns.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  get(platform: Platform, threadId: string): Promise<ThreadBinding | undefined> {
    return this.store.threads.get(key(platform, threadId));
  }

  /** Binds (or re-binds) a thread. Binding again to the same report keeps the conversation. */
  bind(binding: BindThread, now: Date): Promise<void> {
    return this.serialised(async () => {
      const existing = await this.get(binding.platform, binding.threadId);
      const keep = existing && existing.reportDate === binding.reportDate;
      await this.store.threads.set(key(binding.platform, binding.threadId), {
        platform: binding.platform,
        workspaceId: binding.workspaceId,
        channelId: binding.channelId,
        threadId: binding.threadId,
        reportDate: binding.reportDate,
        createdAt: keep ? existing.createdAt : now.toISOString(),
        turns: keep ? existing.turns : [],
      });
    });
  }

  /** Adds a question and its answer together, so the stored turns always alternate. */
  append(platform: Platform, threadId: string, turns: ThreadTurn[]): Promise<void> {
    return this.serialised(async () => {
      const binding = await this.get(platform, threadId);
      if (!binding) return; // unbound meanwhile: nothing to remember it in
      await this.store.threads.set(key(platform, threadId), { ...binding, turns: [...binding.turns, ...turns].slice(-MAX_STORED_TURNS) });
    });
  }

  delete(platform: Platform, threadId: string): Promise<boolean> {
    return this.serialised(() => this.store.threads.delete(key(platform, threadId)));
  }

  private serialised<R>(work: () => Promise<R>): Promise<R> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

// Work in flight on a chat platform (commands, answers), so a shutdown can let it finish, or end it
// with a note where it was cut, before closing the store under it.

/** Work that a shutdown waits for, with what to say where if it has to be cut. */
export class InFlight {
  private readonly running = new Map<Promise<unknown>, { onCut?: () => Promise<unknown> }>();
  private closing = false;

  get accepting(): boolean {
    return !this.closing;
  }

  track<T>(work: Promise<T>, onCut?: () => Promise<unknown>): Promise<T> {
    this.running.set(work, { onCut });
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  /** Stops taking work, waits up to `graceMs` for what runs, then says so where it was cut. */
  async drain(graceMs: number): Promise<number> {
    this.closing = true;
    const pending = [...this.running.keys()];
    const timedOut = await Promise.race([Promise.allSettled(pending).then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref())]);
    if (!timedOut) return 0;
    const cut = [...this.running.values()];
    await Promise.allSettled(cut.map((entry) => entry.onCut?.()));
    return cut.length;
  }
}

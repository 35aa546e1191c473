// Even spacing of calls to a platform: at most `perSecond` a second under one key, one every
// 1000/perSecond ms rather than in bursts. A platform's limiter counts in windows of its own clock; a
// client that bursts at the start of each of its own windows drifts into the platform's and is refused
// (429) with a pause of a second or more, while evenly spaced calls never exceed the rate in any window.

export class Pacer {
  private readonly nextAt = new Map<string, number>();

  constructor(private readonly perSecond: number) {}

  /** Resolves when the next call under `key` may go. */
  async wait(key = ''): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextAt.get(key) ?? 0);
    this.nextAt.set(key, at + 1000 / this.perSecond);
    if (this.nextAt.size > 10_000) this.forget(now);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  /** Keys whose next slot has passed are free anyway: keep the map small. */
  private forget(now: number): void {
    for (const [key, at] of this.nextAt) if (at < now) this.nextAt.delete(key);
  }
}

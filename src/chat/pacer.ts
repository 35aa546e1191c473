// Even spacing of calls to a platform: at most `perSecond` a second under one key, one every
// 1000/perSecond ms rather than in bursts. A platform's limiter counts in windows of its own clock; a
// client that bursts at the start of each of its own windows drifts into the platform's and is refused
// (429) with a pause of a second or more, while evenly spaced calls never exceed the rate in any window.
// The spacing is kept between actual releases: after a stall of the event loop, the calls that waited
// go one by one again, not all at once.

interface Queue {
  tail: Promise<void>;
  lastAt: number;
}

/** Past this many keys, the idle ones are forgotten (their next call is free anyway). */
const MAX_KEYS = 10_000;

export class Pacer {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly perSecond: number) {}

  /** Resolves when the next call under `key` may go. */
  wait(key = ''): Promise<void> {
    if (this.queues.size > MAX_KEYS) this.forgetIdle();
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), lastAt: 0 };
    this.queues.set(key, queue);
    queue.tail = queue.tail.then(async () => {
      const wait = queue.lastAt + 1000 / this.perSecond - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      queue.lastAt = Date.now();
    });
    return queue.tail;
  }

  private forgetIdle(): void {
    const idleSince = Date.now() - 1000;
    for (const [key, queue] of this.queues) if (queue.lastAt < idleSince) this.queues.delete(key);
  }
}

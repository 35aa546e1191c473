// Even spacing of calls to a platform: at most `perSecond` a second under one key, one every
// 1000/perSecond ms rather than in bursts. A platform's limiter counts in windows of its own clock; a
// client that bursts at the start of each of its own windows drifts into the platform's and is refused
// (429) with a pause of a second or more, while evenly spaced calls never exceed the rate in any window.
// A timer that fires a little late does not push every later call back; after a stall of the event loop
// the calls that waited go one by one again, not all at once.
//
// Calls in the background (the morning pass, posting to every channel) wait behind the others under
// their key: an answer someone is waiting for goes at the next slot, never behind a pass's queue. A key
// can be given its own rate (a workspace's allowance, once learnt) and held until an instant (a 429's
// Retry-After).

interface Lane {
  lastAt: number;
  holdUntil: number;
  foreground: Array<() => void>;
  background: Array<() => void>;
  timer?: NodeJS.Timeout;
  /** When the timer fires. */
  timerAt?: number;
}

/** Past this many keys, the idle ones are forgotten (their next call is free anyway). */
const MAX_KEYS = 2_000;

export interface WaitOptions {
  /** Goes after every call waiting under the key that is not in the background. */
  background?: boolean;
}

export class Pacer {
  private readonly lanes = new Map<string, Lane>();
  /** Rates given to single keys; kept when their idle lanes are forgotten. */
  private readonly rates = new Map<string, number>();

  /** `perSecond` for every key without a rate of its own; Infinity: no spacing (until a key is given one). */
  constructor(private readonly perSecond: number) {}

  /** Resolves when the next call under `key` may go. */
  wait(key = '', { background = false }: WaitOptions = {}): Promise<void> {
    if (this.lanes.size > MAX_KEYS) this.forgetIdle();
    const lane = this.lane(key);
    return new Promise<void>((resolve) => {
      (background ? lane.background : lane.foreground).push(resolve);
      this.pump(key, lane);
    });
  }

  /** `key`'s own rate from now on (a learnt allowance). */
  setRate(key: string, perSecond: number): void {
    this.rates.set(key, perSecond);
    this.reschedule(key);
  }

  rate(key = ''): number {
    return this.rates.get(key) ?? this.perSecond;
  }

  /** Nothing under `key` goes before `until` (ms since the epoch): a platform's Retry-After. */
  hold(key: string, until: number): void {
    const lane = this.lane(key);
    lane.holdUntil = Math.max(lane.holdUntil, until);
    this.reschedule(key);
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { lastAt: 0, holdUntil: 0, foreground: [], background: [] };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private reschedule(key: string): void {
    const lane = this.lanes.get(key);
    if (!lane?.timer) return;
    clearTimeout(lane.timer);
    lane.timer = lane.timerAt = undefined;
    this.pump(key, lane);
  }

  /** Releases what may go now, and sets a timer for the next one. */
  private pump(key: string, lane: Lane): void {
    if (lane.timer) return;
    const rate = this.rate(key);
    const interval = rate > 0 && Number.isFinite(rate) ? 1000 / rate : 0;
    while (lane.foreground.length > 0 || lane.background.length > 0) {
      const at = Math.max(lane.lastAt + interval, lane.holdUntil);
      const now = Date.now();
      if (at > now) {
        lane.timerAt = at;
        lane.timer = setTimeout(() => {
          lane.timer = lane.timerAt = undefined;
          this.pump(key, lane);
        }, at - now);
        return;
      }
      // A timer fires late (by a millisecond or more: at 47 a second, counting from the late release cost
      // Discord's fan-out a tenth of its rate), so up to a quarter interval of lateness is credited to the
      // next call: the rate holds, two calls are never closer than three quarters of the interval, and after
      // a stall the calls that waited still go one by one.
      lane.lastAt = Math.max(at, now - interval / 4);
      (lane.foreground.shift() ?? lane.background.shift())!();
    }
  }

  private forgetIdle(): void {
    const idleSince = Date.now() - 1000;
    for (const [key, lane] of this.lanes) {
      if (lane.lastAt < idleSince && lane.holdUntil < Date.now() && !lane.timer && lane.foreground.length === 0 && lane.background.length === 0) this.lanes.delete(key);
    }
  }
}

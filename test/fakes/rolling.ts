// Rate limits as the fakes enforce them and the tests check them: counts over a rolling second, the
// strictest reading of "N a second" (a client that bursts at the edge of its own window is refused).

/**
 * Accepted times per key over a rolling second. `waitMs` says how long until a slot frees (0: one is
 * free now) without taking it, so a call refused by one limit uses up no slot of another.
 */
export function rollingLimit(perSecond: number | undefined) {
  const accepted = new Map<string, number[]>();
  const recent = (key: string, at: number) => {
    const list = accepted.get(key) ?? (accepted.set(key, []), accepted.get(key)!);
    while (list.length && list[0]! <= at - 1000) list.shift();
    return list;
  };
  return {
    waitMs(key: string, at: number): number {
      if (!perSecond) return 0;
      const list = recent(key, at);
      return list.length < perSecond ? 0 : list[list.length - perSecond]! + 1000 - at;
    },
    take(key: string, at: number) {
      if (perSecond) recent(key, at).push(at);
    },
  };
}

/** The most times (in order) within any rolling second. */
export function peakPerSecond(times: readonly number[]): number {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

// A clock the test moves by hand, for code that takes `now` or a `clock()` (time is injected everywhere).

export interface ManualClock {
  (): Date;
  set(iso: string): Date;
  advance(ms: number): Date;
}

export function manualClock(start: string | Date): ManualClock {
  let now = new Date(start);
  const clock = () => new Date(now);
  return Object.assign(clock, {
    set: (iso: string) => (now = new Date(iso)),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  });
}

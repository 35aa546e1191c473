import cron from 'node-cron';
import { deliveryPass, type PassDeps, type PassItem } from './pass.js';

// The morning posts, running: a pass at start (catching up on what a restart missed) and one at the
// start of every minute. A pass that runs long (a rate-limited fan-out) is not overlapped by the next
// tick. Stopping lets the posts under way finish and leaves the rest, unclaimed, for the next process.

export interface MorningPosts {
  /** Starts no more posts; waits up to `graceMs` for those under way (a cut one is recovered later). */
  stop(graceMs?: number): Promise<void>;
}

export function startMorningPosts(deps: PassDeps, clock: () => Date): MorningPosts {
  const { log } = deps;
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running || stopping.signal.aborted) return running;
    running = deliveryPass(deps, { now: clock(), signal: stopping.signal })
      .then((items) => logPass(deps, items))
      .catch((error) => log.error({ err: String(error) }, 'morning posts: the pass failed; the next minute tries again'))
      .finally(() => (running = undefined));
    return running;
  };
  void tick();
  const task = cron.schedule('* * * * *', () => tick(), { name: 'morning-posts', noOverlap: true });
  return {
    async stop(graceMs = 5_000) {
      stopping.abort();
      await task.destroy();
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}

function logPass({ log }: PassDeps, items: PassItem[]): void {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.outcome] = (counts[item.outcome] ?? 0) + 1;
  // Quiet when nothing happened; each post logged its own line.
  if (items.some((i) => i.outcome !== 'done')) log.debug({ ...counts }, 'morning posts: pass');
}

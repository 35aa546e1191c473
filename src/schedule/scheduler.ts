import cron from 'node-cron';
import { runPass, type PassDeps, type PassOutcome } from './pass.js';

// The morning posts, running: a pass at start (catching up on what a restart missed) and one at the
// start of every minute, each over what the schedule says is due (nothing due: a read or two). A pass
// that runs long (a rate-limited fan-out) is not overlapped by the next tick. Stopping lets the posts
// under way finish and leaves the rest, unclaimed, for the next process.

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
    // Counted, not kept: a pass over thousands of channels holds nothing per channel once it is posted.
    const counts: Partial<Record<PassOutcome, number>> = {};
    running = runPass(deps, { now: clock(), signal: stopping.signal, scope: 'due' }, (item) => void (counts[item.outcome] = (counts[item.outcome] ?? 0) + 1))
      .then(() => logPass(deps, counts))
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

function logPass({ log }: PassDeps, counts: Partial<Record<PassOutcome, number>>): void {
  // Quiet when nothing happened; each post logged its own line.
  if (Object.keys(counts).some((outcome) => outcome !== 'done')) log.debug({ ...counts }, 'morning posts: pass');
}

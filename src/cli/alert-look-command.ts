import { lookOnce } from '../alerts/watcher.js';
import { alertWatcherDeps, morningPostDeps, startPlatforms } from '../main.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';

/**
 * One look of the alert watcher, then exit: what `ai-trends start` (and each Discord shard) runs every
 * ALERT_POLL_MINUTES, on the same code (lookOnce, sendAlert, the platforms' clients, the store), without
 * the timer. Not in the help: the scenario tests kill it mid-alert and run two of it side by side
 * (test/scenarios/alert-exactly-once.test.ts). Prints one line per alert outcome.
 */
export async function alertLookCommand(_args: string[], context: CliContext): Promise<number> {
  const { app } = await openLiveOrSample(context);
  try {
    // Only posting: no commands registered, no events answered (the running bot does that).
    const platforms = await startPlatforms(app, { clock: context.clock, log: context.log, listen: false });
    try {
      const deps = alertWatcherDeps(app, morningPostDeps(app, platforms, { log: context.log }));
      const result = await lookOnce(deps, context.clock());
      context.stdout.write(`${result.looked ? 'looked' : result.shared ? 'read the stored look' : 'no look'}: ${result.movers} movers\n`);
      for (const o of result.outcomes) context.stdout.write(`${o.outcome}: ${o.channel} ${o.post}\n`);
      return result.outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
    } finally {
      await Promise.allSettled(platforms.map((platform) => platform.stop(0)));
    }
  } finally {
    await app.close();
  }
}

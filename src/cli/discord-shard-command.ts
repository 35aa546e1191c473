import { alertWatcherDeps, morningPostDeps, startPlatforms } from '../main.js';
import { startAlertWatcher } from '../alerts/watcher.js';
import { sampleNow } from '../sample/sample.js';
import { startMorningPosts } from '../schedule/scheduler.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';

/** How long a stop waits for answers in flight (the manager kills a shard 2 s after its own 6 s). */
const STOP_GRACE_MS = 5_000;

/**
 * A shard process of DISCORD_SHARDS (src/shard.ts, not typed by users): the Discord bot for this shard's
 * guilds, the morning posts of the subscriptions in those guilds and the alerts of its guilds' channels
 * (one look at Reddit a period for all processes: whoever claims it stores it, the others read it), on the
 * store all shards share. Slack, its morning posts and its alerts run in the manager (`ai-trends start`).
 */
export async function discordShardCommand(_args: string[], context: CliContext): Promise<number> {
  const { app, sample } = await openLiveOrSample(context);
  const clock = sample ? sampleNow : context.clock;
  // The shards' lines all reach the manager's stderr: each says which process wrote it (its "discord:
  // connected" line names the shard).
  const log = context.log.child({ pid: process.pid });
  try {
    const platforms = await startPlatforms(app, { clock, log, only: ['discord'] });
    const discord = platforms.find((p) => p.name === 'discord');
    if (!discord) throw new Error('discord-shard: DISCORD_TOKEN is not set (this process is started by `ai-trends start` with DISCORD_SHARDS)');
    const morningDeps = morningPostDeps(app, platforms, { log, sampleNow: sample ? sampleNow() : undefined });
    const morning = startMorningPosts(morningDeps, context.clock);
    const alerts = startAlertWatcher(alertWatcherDeps(app, morningDeps), context.clock);
    const signal = await context.stopSignal();
    log.info({ signal }, 'discord shard: stopping');
    await Promise.all([morning.stop(STOP_GRACE_MS / 2), alerts.stop(STOP_GRACE_MS / 2)]);
    await discord.stop(STOP_GRACE_MS);
    return 0;
  } finally {
    await app.close();
  }
}

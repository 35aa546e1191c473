import { morningPostDeps, startPlatforms } from '../main.js';
import { loadSample } from '../sample/sample.js';
import { startMorningPosts } from '../schedule/scheduler.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';

/** How long a stop waits for answers in flight (the manager kills a shard 2 s after its own 6 s). */
const STOP_GRACE_MS = 5_000;

/**
 * A shard process of DISCORD_SHARDS (src/shard.ts, not typed by users): the Discord bot for this shard's
 * guilds, and the morning posts of the subscriptions in those guilds, on the store all shards share.
 * Slack and the rest of the morning posts run in the manager (`ai-trends start`).
 */
export async function discordShardCommand(_args: string[], context: CliContext): Promise<number> {
  const { app, sample } = await openLiveOrSample(context);
  const clock = sample ? () => loadSample().now : context.clock;
  // The shards' lines all reach the manager's stderr: each says which process wrote it (its "discord:
  // connected" line names the shard).
  const log = context.log.child({ pid: process.pid });
  try {
    const platforms = await startPlatforms(app, { clock, log, only: ['discord'] });
    const discord = platforms.find((p) => p.name === 'discord');
    if (!discord) throw new Error('discord-shard: DISCORD_TOKEN is not set (this process is started by `ai-trends start` with DISCORD_SHARDS)');
    const morning = startMorningPosts(morningPostDeps(app, platforms, { log, sampleNow: sample ? loadSample().now : undefined }), context.clock);
    const signal = await context.stopSignal();
    log.info({ signal }, 'discord shard: stopping');
    await morning.stop(STOP_GRACE_MS / 2);
    await discord.stop(STOP_GRACE_MS);
    return 0;
  } finally {
    await app.close();
  }
}

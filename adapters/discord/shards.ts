import type { ChildProcess } from 'node:child_process';
import { ShardingManager, Routes, type Shard } from 'discord.js';
import { ConfigError, type DiscordSettings } from '../../src/config.js';
import type { PartStatus } from '../../src/health/checks.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/store.js';
import { logInvite } from './definitions.js';
import { deployIfChanged, restFor } from './deploy.js';

// Discord sharding (DISCORD_SHARDS): discord.js's ShardingManager forks one process per shard, each
// running the Discord bot for the guilds of its shard ((guild_id >> 22) % shards) on the shared store.
// This process only manages them: it registers the slash commands once, starts the shards (as fast as
// Discord's identify limit allows), restarts one that dies, and stops them all on a stop.

export interface DiscordShardsOptions {
  settings: DiscordSettings & { shards: 'auto' | number };
  store: Store;
  /** The file each shard process runs (absolute path). */
  script: string;
  /** Node options of the shard processes (the TypeScript loader when `script` is a .ts file). */
  execArgv: string[];
  log: Logger;
}

export interface DiscordShards {
  count: number;
  /** Asks every shard to stop (SIGTERM: answers in flight finish or are cut), kills one still there after `graceMs` + 2 s. */
  stop(graceMs?: number): Promise<void>;
  /** For /healthz: every shard process up and its gateway ready (discord.js's Shard#ready, over IPC). */
  status(): PartStatus;
}

/** Discord allows `max_concurrency` IDENTIFYs every 5 seconds; starting them spaced this much stays under it. */
const IDENTIFY_WINDOW_MS = 5_500;
/** A shard process has this long to start, connect and receive its guilds. */
const SHARD_READY_TIMEOUT_MS = 90_000;

interface GatewayBot {
  shards: number;
  session_start_limit: { max_concurrency: number; remaining: number; reset_after: number };
}

export async function startDiscordShards(options: DiscordShardsOptions): Promise<DiscordShards> {
  const { settings, log } = options;
  // GET /gateway/bot here, not discord.js's fetchRecommendedShardCount, which always asks discord.com
  // (DISCORD_API_BASE would be ignored).
  const gateway = (await restFor(settings).get(Routes.gatewayBot())) as GatewayBot;
  const count = settings.shards === 'auto' ? gateway.shards : settings.shards;
  if (gateway.session_start_limit.remaining < count) {
    throw new ConfigError(`DISCORD_SHARDS: Discord allows only ${gateway.session_start_limit.remaining} more session starts before ${new Date(Date.now() + gateway.session_start_limit.reset_after).toISOString()}, and ${count} shards need ${count}; wait until then`);
  }
  await deployIfChanged(settings, options.store, log);

  const manager = new ShardingManager(options.script, { totalShards: count, token: settings.token, execArgv: options.execArgv, mode: 'process', respawn: true });
  manager.on('shardCreate', (shard: Shard) => {
    log.info({ shard: shard.id, shardCount: count }, 'discord: shard process started');
    shard.on('error', (error) => log.error({ shard: shard.id, err: String(error) }, 'discord: shard process failed'));
    shard.on('death', (child) => log.warn({ shard: shard.id, exitCode: (child as ChildProcess).exitCode }, manager.respawn ? 'discord: shard process exited; starting it again' : 'discord: shard process stopped'));
  });
  const stop = async (graceMs = 6_000) => {
    manager.respawn = false;
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard, graceMs)));
  };
  try {
    await manager.spawn({ amount: count, delay: Math.ceil(IDENTIFY_WINDOW_MS / Math.max(1, gateway.session_start_limit.max_concurrency)), timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    await stop(0);
    throw new Error(`discord: the shard processes did not all start (${error instanceof Error ? error.message : String(error)}); their own log lines above say why`, { cause: error });
  }
  log.info({ shardCount: count }, 'discord: every shard connected');
  logInvite(log, settings.applicationId);
  const status = (): PartStatus => {
    const down = [...manager.shards.values()].filter((shard) => !shard.ready).map((shard) => shard.id);
    if (down.length === 0 && manager.shards.size === count) return { ok: true, detail: `${count} shard processes connected` };
    return { ok: false, detail: `shard(s) ${down.join(', ') || 'missing'} of ${count} not connected`, fix: 'A shard that died is started again by itself: if this lasts minutes, read the shard processes\' log lines' };
  };
  return { count, stop, status };
}

async function stopShard(shard: Shard, graceMs: number): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs + 2_000);
  await exited;
  clearTimeout(timer);
}

import { Client, Events, GatewayIntentBits, Options, Partials, ShardClientUtil } from 'discord.js';
import type { ChartPngRenderer } from '../../src/render/chart-png.js';
import type { CommandServices } from '../../commands/index.js';
import type { ChatTarget } from '../../src/chat/target.js';
import { ConfigError, type DiscordSettings } from '../../src/config.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/store.js';
import { DiscordChat } from './chat.js';
import { InFlight } from '../../src/chat/in-flight.js';
import type { DiscordDeps } from './deps.js';
import { deployIfChanged } from './deploy.js';
import { listenForCommands } from './commands.js';
import { listenForQuestions } from './questions.js';
import { logInvite } from './definitions.js';
import { discordStatus } from './status.js';
import { discordRestAgent } from './rest-agent.js';
import type { PartStatus } from '../../src/health/checks.js';

// Discord, running: the client logged in, the slash commands registered when they changed, events
// translated into commands and questions, and the chat port the morning posts go through. Stopping lets
// answers in flight finish (or ends them with a note), then closes the gateway.

export interface DiscordBotOptions {
  settings: DiscordSettings;
  services: CommandServices;
  followUps: FollowUps;
  store: Store;
  clock: () => Date;
  log: Logger;
  /** Tests and the bench: faster edit pacing and REST timeouts. */
  editIntervalMs?: number;
  restTimeoutMs?: number;
  restRetries?: number;
  /**
   * False for a process that only posts (`ai-trends deliver`): no event handlers and no command
   * registration, so it never answers a command or a question meant for the running bot.
   */
  listen?: boolean;
  /**
   * Registers the slash commands when they changed (default: when listening). Off in the shard
   * processes of DISCORD_SHARDS: their manager registered them once before spawning them.
   */
  deploy?: boolean;
  /** Draws the week's chart PNG (renderChartPng; a test makes it fail). */
  renderChart?: ChartPngRenderer;
}

export interface DiscordBot {
  client: Client;
  chat: DiscordChat;
  /** The shards this client runs ([0] of 1 unless started by the ShardingManager of DISCORD_SHARDS). */
  shards: { ids: number[]; count: number };
  /**
   * Whether a target's guild is on this process's shards (DMs are shard 0's, as Discord sends them
   * there): the morning posts of a sharded bot are each made by the process that owns the guild.
   */
  owns(target: ChatTarget): boolean;
  /** Finishes (or cuts, after `graceMs`) the answers in flight, then disconnects. */
  stop(graceMs?: number): Promise<void>;
  /** Connected (ready, every shard's gateway up) or not, for /healthz. */
  status(): PartStatus;
}

const DISALLOWED_INTENTS = /disallowed intents/i;


function createClient(options: DiscordBotOptions, messageContent: boolean): Client {
  const { settings } = options;
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, ...(messageContent ? [GatewayIntentBits.MessageContent] : [])],
    // DMs arrive for channels discord.js has not cached yet.
    partials: [Partials.Channel],
    // No message is read back from discord.js's cache (edits go by id, a crash's post is fetched), and its
    // default of 200 a channel kept every morning post (about 5 KB each: its text, its chart's alt text)
    // and, with MessageContent, every message of every busy channel: memory growing with the channels.
    // The same for thread members: every morning thread caches the bot as its member, never read here.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0, ThreadMemberManager: 0 }),
    // Nobody is ever pinged, whatever a Reddit title or a model answer says (each payload says so too).
    allowedMentions: { parse: [], repliedUser: false },
    rest: {
      agent: discordRestAgent(),
      // @discordjs/rest keeps a queue (handler) and a learnt bucket for every route it has called, per channel:
      // two a channel after a morning pass, kept an hour and a day by default (about 1 MiB per 1,000 channels).
      // Swept after a minute idle and a minute unused instead, a pass holds only what it used lately (a bucket
      // forgotten is learnt again from the next answer's headers; our own pacing keeps to the global limit).
      handlerSweepInterval: 60_000,
      hashSweepInterval: 60_000,
      hashLifetime: 60_000,
      ...(settings.apiBase ? { api: settings.apiBase } : {}),
      ...(options.restTimeoutMs ? { timeout: options.restTimeoutMs } : {}),
      ...(options.restRetries !== undefined ? { retries: options.restRetries } : {}),
    },
  });
}

export async function startDiscord(options: DiscordBotOptions): Promise<DiscordBot> {
  const { settings, log } = options;
  try {
    return await connect(options);
  } catch (error) {
    // A refused token is a setting to fix, not an outage: say which one.
    if (/invalid token|401|unauthorized/i.test(String((error as { code?: string }).code ?? '') + String(error))) {
      throw new ConfigError(`DISCORD_TOKEN: Discord refused the bot token (${error instanceof Error ? error.message : String(error)}); copy it again from the Developer Portal → Bot`);
    }
    // Close code 4011: the bot is in 2,500 guilds or more (or more than its shards can hold).
    if (/sharding is required/i.test(String(error))) {
      throw new ConfigError(`DISCORD_SHARDS: Discord requires ${settings.shards === undefined ? 'sharding for this bot (2,500 servers or more)' : 'more shards for this bot'}: set DISCORD_SHARDS=auto (README: "Scaling")`);
    }
    log.error({ err: String(error) }, 'discord: could not connect');
    throw error;
  }
}

async function connect(options: DiscordBotOptions): Promise<DiscordBot> {
  const { settings, log } = options;
  const listen = options.listen ?? true;
  if (options.deploy ?? listen) await deployIfChanged(settings, options.store, log);

  const inFlight = new InFlight();
  // Handlers are attached before logging in, so no event between "ready" and wiring is lost.
  let bot = wired(createClient(options, settings.messageContent), options, settings.messageContent, inFlight, listen);
  try {
    await login(bot.deps.chat.client, settings.token);
  } catch (error) {
    if (!settings.messageContent || !DISALLOWED_INTENTS.test(String(error))) throw error;
    // The MessageContent toggle is off in the Developer Portal: run without it rather than not at all.
    await bot.deps.chat.client.destroy();
    bot = wired(createClient(options, false), options, false, inFlight, listen);
    await login(bot.deps.chat.client, settings.token);
  }
  if (listen && !bot.deps.messageContent) {
    log.warn('discord: running without the MessageContent intent: questions in threads are answered only when they mention the bot (README: "Connect Discord")');
  }
  const { chat } = bot.deps;
  const client = chat.client;
  // Set by the ShardingManager (SHARDS, SHARD_COUNT in the environment, read by the Client itself).
  const shards = client.shard ? { ids: client.shard.ids, count: client.shard.count } : { ids: [0], count: 1 };
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, ...(client.shard ? { shards: shards.ids, shardCount: shards.count } : {}) }, 'discord: connected');
  // The process that registers the commands says where to invite the bot (a shard's manager says it once for all).
  if (options.deploy ?? listen) logInvite(log, settings.applicationId, client.guilds.cache.size);

  return {
    client,
    chat,
    shards,
    owns: (target) => shards.ids.includes(/^\d+$/.test(target.workspaceId) ? ShardClientUtil.shardIdForGuildId(target.workspaceId, shards.count) : 0),
    async stop(graceMs = 8_000) {
      const cut = await inFlight.drain(graceMs);
      if (cut > 0) log.warn({ cut }, 'discord: answers cut short by the shutdown');
      await client.destroy();
    },
    status: () => discordStatus(client),
  };
}

/** A client with the event handlers attached. */
function wired(client: Client, options: DiscordBotOptions, messageContent: boolean, inFlight: InFlight, listen: boolean): { deps: DiscordDeps } {
  const { log } = options;
  const chat = new DiscordChat(client, {}, options.renderChart, log);
  const deps: DiscordDeps = { chat, services: options.services, followUps: options.followUps, clock: options.clock, log, messageContent, editIntervalMs: options.editIntervalMs, inFlight, store: options.store };
  client.on(Events.Error, (error) => log.error({ err: error.message }, 'discord: client error'));
  if (!listen) return { deps };
  listenForCommands(client, deps);
  listenForQuestions(client, deps);
  return { deps };
}

/** Logs in and resolves once the client is ready (guilds cached). */
async function login(client: Client, token: string): Promise<void> {
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    client.once(Events.Error, reject);
    // 4011 (sharding required) ends the connection for good, and comes only as a shard error; other
    // shard errors are transient and discord.js reconnects by itself.
    client.on(Events.ShardError, (error) => {
      if (/sharding is required/i.test(error.message)) reject(error);
    });
  });
  try {
    // Side by side: `ready` may fail while login is still waiting for the gateway.
    await Promise.all([client.login(token), ready]);
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw error;
  }
}

import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { CommandServices } from '../../commands/index.js';
import { deliver } from '../../src/chat/deliver.js';
import type { ChatTarget } from '../../src/chat/target.js';
import type { DiscordSettings } from '../../src/config.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import type { Reply } from '../../src/reply.js';
import type { Store } from '../../src/store/store.js';
import { DiscordChat } from './chat.js';
import { InFlight, type DiscordDeps } from './context.js';
import { deployIfChanged } from './deploy.js';
import { toChatError } from './errors.js';
import { handleAutocomplete, handleCommand } from './interactions.js';
import { handleMessage } from './messages.js';

// Discord, running: the client logged in, the slash commands registered when they changed, events
// translated into commands and questions, and `postReport` for the morning post. Stopping lets answers
// in flight finish (or ends them with a note), then closes the gateway.

export interface DiscordOptions {
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
}

export interface PostedReport {
  /** The report's first message: the thread hangs from it. */
  messageId: string;
  threadId?: string;
  messageIds: string[];
}

export interface DiscordBot {
  client: Client;
  chat: DiscordChat;
  /** Posts a report in a channel, opens its follow-up thread and binds it; throws ChatError. */
  postReport(channelId: string, reply: Reply): Promise<PostedReport>;
  /** Finishes (or cuts, after `graceMs`) the answers in flight, then disconnects. */
  stop(graceMs?: number): Promise<void>;
}

const DISALLOWED_INTENTS = /disallowed intents/i;

function createClient(options: DiscordOptions, messageContent: boolean): Client {
  const { settings } = options;
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, ...(messageContent ? [GatewayIntentBits.MessageContent] : [])],
    // DMs arrive for channels discord.js has not cached yet.
    partials: [Partials.Channel],
    // Nobody is ever pinged, whatever a Reddit title or a model answer says (each payload says so too).
    allowedMentions: { parse: [], repliedUser: false },
    rest: { ...(settings.apiBase ? { api: settings.apiBase } : {}), ...(options.restTimeoutMs ? { timeout: options.restTimeoutMs } : {}), ...(options.restRetries !== undefined ? { retries: options.restRetries } : {}) },
  });
}

export async function startDiscord(options: DiscordOptions): Promise<DiscordBot> {
  const { settings, log } = options;
  await deployIfChanged(settings, options.store, log);

  let messageContent = settings.messageContent;
  let client = createClient(options, messageContent);
  try {
    await login(client, settings.token);
  } catch (error) {
    if (!messageContent || !DISALLOWED_INTENTS.test(String(error))) throw error;
    // The MessageContent toggle is off in the Developer Portal: run without it rather than not at all.
    await client.destroy();
    messageContent = false;
    client = createClient(options, messageContent);
    await login(client, settings.token);
  }
  if (!messageContent) {
    log.warn('discord: running without the MessageContent intent: questions in threads are answered only when they mention the bot (README: "Connect Discord")');
  }

  const chat = new DiscordChat(client);
  const inFlight = new InFlight();
  const deps: DiscordDeps = { chat, services: options.services, followUps: options.followUps, clock: options.clock, log, messageContent, editIntervalMs: options.editIntervalMs, inFlight };
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand() && inFlight.accepting) void inFlight.track(handleCommand(interaction, deps)).catch((error) => log.error({ err: String(error) }, 'discord: command failed'));
    else if (interaction.isAutocomplete()) void handleAutocomplete(interaction, deps).catch((error) => log.debug({ err: String(error) }, 'discord: autocomplete failed'));
  });
  client.on(Events.MessageCreate, (message) => void handleMessage(message, deps).catch((error) => log.error({ err: String(error) }, 'discord: message handler failed')));
  client.on(Events.Error, (error) => log.error({ err: error.message }, 'discord: client error'));
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord: connected');

  return {
    client,
    chat,
    async postReport(channelId, reply) {
      let target: ChatTarget;
      try {
        const channel = await client.channels.fetch(channelId);
        target = { platform: 'discord', workspaceId: channel && 'guildId' in channel && channel.guildId ? channel.guildId : 'dm', channelId };
      } catch (error) {
        throw toChatError(error, 'View Channel');
      }
      const delivered = await deliver(chat, target, reply, { bindThread: (thread, reportDate) => options.followUps.bindThread({ target: thread, reportDate }), log });
      return { messageId: delivered.messages[0]!.messageId, threadId: delivered.thread?.threadId, messageIds: delivered.messages.map((m) => m.messageId) };
    },
    async stop(graceMs = 8_000) {
      const cut = await inFlight.drain(graceMs);
      if (cut > 0) log.warn({ cut }, 'discord: answers cut short by the shutdown');
      await client.destroy();
    },
  };
}

/** Logs in and resolves once the client is ready (guilds cached). */
async function login(client: Client, token: string): Promise<void> {
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    client.once(Events.Error, reject);
  });
  await client.login(token);
  await ready;
}

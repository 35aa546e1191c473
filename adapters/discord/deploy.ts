import { REST, Routes } from 'discord.js';
import type { DiscordSettings } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/store.js';
import { definitionsHash, discordDefinitions } from './definitions.js';
import { discordRestAgent } from './rest-agent.js';

// Registering the slash commands: one bulk PUT (Discord replaces the whole set), in one guild when
// DISCORD_GUILD_ID is set (instant, for trying it out), globally otherwise. Start-up registers only
// when the definitions changed since the last registration, remembered in the store, because Discord
// limits how many commands can be created a day.

export function commandsRoute(settings: DiscordSettings): `/${string}` {
  return settings.guildId ? Routes.applicationGuildCommands(settings.applicationId, settings.guildId) : Routes.applicationCommands(settings.applicationId);
}

function registrationKey(settings: DiscordSettings): string {
  return `discord-commands:${settings.applicationId}:${settings.guildId ?? 'global'}`;
}

export function restFor(settings: DiscordSettings): REST {
  return new REST({ agent: discordRestAgent(), ...(settings.apiBase ? { api: settings.apiBase } : {}) }).setToken(settings.token);
}

/** Registers the commands now (`ai-trends deploy-discord`) and remembers their hash. */
export async function deployCommands(settings: DiscordSettings, store: Store, rest = restFor(settings)): Promise<number> {
  const definitions = discordDefinitions();
  await rest.put(commandsRoute(settings), { body: definitions });
  await store.meta.set(registrationKey(settings), definitionsHash(definitions));
  return definitions.length;
}

/** Registers the commands at start-up only when they changed; true when it did. */
export async function deployIfChanged(settings: DiscordSettings, store: Store, log: Logger, rest = restFor(settings)): Promise<boolean> {
  if ((await store.meta.get(registrationKey(settings))) === definitionsHash()) return false;
  const count = await deployCommands(settings, store, rest);
  log.info({ count, scope: settings.guildId ? `guild ${settings.guildId}` : 'global' }, 'discord: registered slash commands');
  return true;
}

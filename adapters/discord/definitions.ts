import { createHash } from 'node:crypto';
import { ApplicationCommandOptionType, PermissionFlagsBits, type APIApplicationCommandOption, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { commands, type Command } from '../../commands/index.js';
import type { Logger } from '../../src/log.js';

// The slash commands Discord shows, generated from the neutral command metadata (names, options,
// choices, which options suggest values, which commands are for admins), never written twice.

/** `/trends` keeps its name; the others become `/trends-subscribe`, `/trends-help`…, grouped in the picker. */
export function discordName(command: Pick<Command, 'name'>): string {
  return command.name === 'trends' ? 'trends' : `trends-${command.name}`;
}

export function commandForDiscordName(name: string): Command | undefined {
  return commands.find((c) => discordName(c) === name);
}

export function discordDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => ({
    name: discordName(command),
    description: command.description.slice(0, 100),
    // Admin commands are hidden from members who lack Manage Server; they are checked again when run,
    // because a server admin can override this per channel.
    default_member_permissions: command.adminOnly ? PermissionFlagsBits.ManageGuild.toString() : null,
    options: command.options.map((option): APIApplicationCommandOption => {
      const base = { type: ApplicationCommandOptionType.String as const, name: option.name, description: option.description.slice(0, 100), required: false };
      if (option.suggest) return { ...base, autocomplete: true };
      return option.choices ? { ...base, choices: option.choices.map((c) => ({ name: c, value: c })) } : base;
    }),
  }));
}

/** Changes whenever a definition does, so start-up registers only when something changed. */
export function definitionsHash(definitions = discordDefinitions()): string {
  return createHash('sha256').update(JSON.stringify(definitions)).digest('hex').slice(0, 16);
}

/** What the bot needs in a channel: read it, post, thread, link, attach (charts), read history. */
export const botPermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory;

/** The invite link `start` and `deploy-discord` print (scopes `bot applications.commands`). */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${botPermissions}`;
}

/** The invite link in the log at start: a warning while the bot is in no server (nobody can use it yet); `guilds` unknown: info. */
export function logInvite(log: Pick<Logger, 'info' | 'warn'>, applicationId: string, guilds?: number): void {
  const url = inviteUrl(applicationId);
  if (guilds === 0) log.warn({ invite: url }, `discord: the bot is in no server yet: open ${url} to invite it`);
  else log.info({ invite: url }, `discord: invite the bot to another server: ${url}`);
}

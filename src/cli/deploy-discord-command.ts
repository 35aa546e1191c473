import { ConfigError } from '../config.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';
import { noPositionals, parseCommand, type CommandSpec } from './spec.js';

export const deployDiscordSpec = {
  name: 'deploy-discord',
  summary: 'Register the Discord slash commands and print the invite link.',
  options: [],
  notes: ['start registers them by itself when they changed. Needs DISCORD_TOKEN and DISCORD_APPLICATION_ID. With DISCORD_GUILD_ID the commands appear in that server at once; globally they can take up to an hour.'],
} as const satisfies CommandSpec;

/**
 * `ai-trends deploy-discord` (`npm run deploy:discord`): registers the slash commands now, with one
 * bulk PUT, in DISCORD_GUILD_ID when set, else globally. `start` does the same by itself when the
 * commands changed, so this is for checking a setup or forcing a registration.
 */
export async function deployDiscordCommand(args: string[], context: CliContext): Promise<number> {
  const { positionals } = parseCommand(deployDiscordSpec, args);
  noPositionals(deployDiscordSpec, positionals);
  // The same store namespace `start` will use, so it sees this registration and does not repeat it.
  const { app } = await openLiveOrSample(context);
  try {
    const settings = app.config.discord;
    if (!settings) throw new ConfigError('DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set: add them to .env (see README, "Connect Discord")');
    const { deployCommands } = await import('../../adapters/discord/deploy.js');
    const { inviteUrl } = await import('../../adapters/discord/definitions.js');
    const count = await deployCommands(settings, app.store);
    context.stdout.write(`Registered ${count} slash commands ${settings.guildId ? `in server ${settings.guildId} (available now)` : 'globally (Discord may take up to an hour to show them)'}.\n`);
    context.stdout.write(`Invite the bot to a server (you need Manage Server there): ${inviteUrl(settings.applicationId)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

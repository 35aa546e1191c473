import { ConfigError } from '../config.js';
import { parseOptions, UsageError } from './args.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';

export const deployDiscordUsage = 'ai-trends deploy-discord';

/**
 * `ai-trends deploy-discord` (`npm run deploy:discord`): registers the slash commands now, with one
 * bulk PUT, in DISCORD_GUILD_ID when set, else globally. `start` does the same by itself when the
 * commands changed, so this is for checking a setup or forcing a registration.
 */
export async function deployDiscordCommand(args: string[], context: CliContext): Promise<number> {
  const { positionals } = parseOptions(args, {}, deployDiscordUsage);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}". Usage: ${deployDiscordUsage}`);
  // The same store namespace `start` will use, so it sees this registration and does not repeat it.
  const { app } = await openLiveOrSample(context);
  try {
    const settings = app.config.discord;
    if (!settings) throw new ConfigError('DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set: add them to .env (see README, "Connect Discord")');
    const { deployCommands } = await import('../../adapters/discord/deploy.js');
    const count = await deployCommands(settings, app.store);
    context.stdout.write(`Registered ${count} slash commands ${settings.guildId ? `in server ${settings.guildId} (available now)` : 'globally (Discord may take up to an hour to show them)'}.\n`);
    return 0;
  } finally {
    await app.close();
  }
}

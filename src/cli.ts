import { loadConfig, ConfigError } from './config.js';
import { UsageError } from './cli/args.js';
import { askCommand, askUsage } from './cli/ask-command.js';
import type { CliContext } from './cli/context.js';
import { reportCommand, reportUsage } from './cli/report-command.js';
import { deployDiscordCommand, deployDiscordUsage } from './cli/deploy-discord-command.js';
import { startCommand, startUsage } from './cli/start-command.js';
import { deliverCommand, deliverUsage } from './cli/deliver-command.js';
import { discordShardCommand } from './cli/discord-shard-command.js';
import { statusCommand, statusUsage } from './cli/status-command.js';
import { createLogger } from './log.js';
import { MissingCredentialsError, openApp } from './main.js';
import { version } from './version.js';

// `ai-trends <command>`: the entry point of bin/npm scripts. Every failure ends in one clear line on
// stderr and a non-zero exit code: 2 for a mistake in the command line or configuration, 1 otherwise.

const commands: Record<string, { usage: string; run: (args: string[], context: CliContext) => Promise<number> }> = {
  report: { usage: reportUsage, run: reportCommand },
  start: { usage: startUsage, run: startCommand },
  ask: { usage: askUsage, run: askCommand },
  'deploy-discord': { usage: deployDiscordUsage, run: deployDiscordCommand },
  deliver: { usage: deliverUsage, run: deliverCommand },
  status: { usage: statusUsage, run: statusCommand },
};

/** Commands the program runs itself, not listed in the help: a Discord shard's process (src/shard.ts). */
const internalCommands: typeof commands = {
  'discord-shard': { usage: 'started by ai-trends start with DISCORD_SHARDS', run: discordShardCommand },
};

const help = `ai-trends ${version}: the daily Reddit AI Trend Report

Usage:
${Object.values(commands)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

Run with no credentials to use the bundled sample; see README.md for configuration.
`;

export interface CliIo {
  /** Where `start` reads chat lines from; process.stdin when not given. */
  stdin?: CliContext['stdin'];
  stdout: NodeJS.WritableStream;
  stderr: CliContext['stderr'];
  env: NodeJS.ProcessEnv;
  clock?: () => Date;
  stopSignal?: () => Promise<string>;
}

function processStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(help);
    return 0;
  }
  if (name === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands[name] ?? internalCommands[name];
  if (!command) {
    io.stderr.write(`ai-trends: unknown command "${name}"; commands: ${Object.keys(commands).join(', ')} (ai-trends help)\n`);
    return 2;
  }
  try {
    const config = loadConfig(io.env, version);
    // Quiet by default for one-shot commands; a bot that runs on a chat platform tells what it does.
    const runsABot = (name === 'start' || name === 'deliver' || name === 'discord-shard') && Boolean(config.discord || config.slack);
    const log = createLogger(io.env.LOG_LEVEL ? config.logLevel : runsABot ? 'info' : 'warn', { format: config.logFormat });
    const clock = io.clock ?? (() => new Date());
    const context: CliContext = {
      stdin: io.stdin ?? process.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      clock,
      // A person at a terminal (or a script) reads notices as plain lines; a bot's operator in its log.
      openApp: (options) => openApp(config, { notice: runsABot ? undefined : (line) => void io.stderr.write(`${line}\n`), ...options, log, clock }),
      log,
      stopSignal: io.stopSignal ?? processStopSignal,
    };
    return await command.run(args, context);
  } catch (error) {
    const usage = error instanceof UsageError || error instanceof ConfigError || error instanceof MissingCredentialsError;
    io.stderr.write(`ai-trends ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return usage ? 2 : 1;
  }
}

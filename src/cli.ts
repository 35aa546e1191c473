import { loadConfig, ConfigError } from './config.js';
import { UsageError } from './cli/args.js';
import { askCommand, askSpec } from './cli/ask-command.js';
import type { CliContext } from './cli/context.js';
import { reportCommand, reportSpec } from './cli/report-command.js';
import { deployDiscordCommand, deployDiscordSpec } from './cli/deploy-discord-command.js';
import { startCommand, startSpec } from './cli/start-command.js';
import { serveCommand, serveSpec } from './cli/serve-command.js';
import { siteCommand, siteSpec } from './cli/site-command.js';
import { deliverCommand, deliverSpec } from './cli/deliver-command.js';
import { discordShardCommand } from './cli/discord-shard-command.js';
import { alertLookCommand } from './cli/alert-look-command.js';
import { commandHelp, type CommandSpec } from './cli/spec.js';
import { statusCommand, statusSpec } from './cli/status-command.js';
import { createLogger, defaultLogFormat } from './log.js';
import { MissingCredentialsError, openApp } from './main.js';
import { closeMatches, didYouMean } from './text/suggest.js';
import { version } from './version.js';

// `ai-trends <command>`: the entry point of bin/npm scripts. Every failure ends in one clear line on
// stderr and a non-zero exit code: 2 for a mistake in the command line or configuration, 1 otherwise.

interface CliCommand {
  spec: CommandSpec;
  run: (args: string[], context: CliContext) => Promise<number>;
}

/** In the order the help lists them: the everyday ones first. */
const commands: Record<string, CliCommand> = {
  start: { spec: startSpec, run: startCommand },
  report: { spec: reportSpec, run: reportCommand },
  ask: { spec: askSpec, run: askCommand },
  status: { spec: statusSpec, run: statusCommand },
  serve: { spec: serveSpec, run: serveCommand },
  site: { spec: siteSpec, run: siteCommand },
  deliver: { spec: deliverSpec, run: deliverCommand },
  'deploy-discord': { spec: deployDiscordSpec, run: deployDiscordCommand },
};

/** Commands the program runs itself, not listed in the help: a Discord shard's process (src/shard.ts); one alert look (tests). */
const internalCommands: Record<string, CliCommand> = {
  'discord-shard': { spec: { name: 'discord-shard', summary: 'started by ai-trends start with DISCORD_SHARDS', options: [] }, run: discordShardCommand },
  'alert-look': { spec: { name: 'alert-look', summary: "one look of the alert watcher, then exit (the scenario tests')", options: [] }, run: alertLookCommand },
};

const helpWords = new Set(['help', '--help', '-h']);
const versionWords = new Set(['version', '--version', '-v']);

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return `ai-trends ${version}: the daily Reddit AI Trend Report, on Discord, Slack and the terminal

Usage: ai-trends <command> [options]

Commands:
${Object.values(commands)
  .map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`)
  .join('\n')}

Options:
  ${'-h, --help'.padEnd(width)}  this help; ai-trends <command> --help shows a command's options
  ${'-v, --version'.padEnd(width)}  the version

Without any setting it reads Reddit's public feeds, or shows the bundled sample day when they cannot be
reached. Settings come from the environment or the project's .env (see .env.example and README.md).
`;
}

export interface CliIo {
  /** Where `start` reads chat lines from; process.stdin when not given. */
  stdin?: CliContext['stdin'];
  stdout: NodeJS.WritableStream;
  stderr: CliContext['stderr'];
  env: NodeJS.ProcessEnv;
  clock?: () => Date;
  stopSignal?: () => Promise<string>;
  /** The ai-trends project the command runs in (findProjectDir): a relative sqlite STORE_URL is in it. */
  projectDir?: string;
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
  if (name === undefined || helpWords.has(name)) {
    // `ai-trends help report` is `ai-trends report --help`.
    const topic = name === 'help' && args[0] !== undefined ? commands[args[0]] : undefined;
    if (name === 'help' && args[0] !== undefined && !topic) return unknownCommand(args[0], io);
    io.stdout.write(topic ? commandHelp(topic.spec) : mainHelp());
    return 0;
  }
  if (versionWords.has(name)) {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands[name] ?? internalCommands[name];
  if (!command) return unknownCommand(name, io);
  // Answered before anything is read or opened: help must work with a broken .env too.
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout.write(commandHelp(command.spec));
    return 0;
  }
  try {
    const config = loadConfig(io.env, version, { baseDir: io.projectDir });
    // Quiet by default for one-shot commands; a bot that runs on a chat platform tells what it does.
    const runsABot = (name === 'start' || name === 'deliver' || name === 'discord-shard' || name === 'alert-look') && Boolean(config.discord || config.slack);
    const format = config.logFormat ?? defaultLogFormat(io.stderr);
    const log = createLogger(io.env.LOG_LEVEL ? config.logLevel : runsABot ? 'info' : 'warn', { format });
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

function unknownCommand(name: string, io: CliIo): number {
  const names = Object.keys(commands);
  io.stderr.write(`ai-trends: unknown command "${name}".${didYouMean(closeMatches(name, names))} Commands: ${names.join(', ')} (ai-trends --help)\n`);
  return 2;
}

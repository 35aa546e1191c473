import { randomUUID } from 'node:crypto';
import { runConsole } from '../../adapters/console/console.js';
import { MissingCredentialsError, type App } from '../main.js';
import { loadSample } from '../sample/sample.js';
import { parseOptions, UsageError } from './args.js';
import type { CliContext } from './context.js';

export const startUsage = 'ai-trends start [--interactive]';

/**
 * `npm start`: the bot where it is configured. With no Discord or Slack token that is the terminal: the
 * morning post, then commands and follow-up questions typed at the prompt. With no Reddit credentials it
 * runs on the bundled sample, so a new user sees the whole product at once.
 */
export async function startCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { interactive: { type: 'boolean', default: false } }, startUsage);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}". Usage: ${startUsage}`);

  // The Discord and Slack adapters start here when their tokens are set (later issues).
  const { app, clock } = await openLiveOrSample(context);
  try {
    return await runConsole({
      input: context.stdin,
      output: context.stdout,
      // A script or CI pipe gets the morning post and an exit; --interactive reads a pipe anyway.
      interactive: values.interactive === true || context.stdin.isTTY === true,
      clock,
      services: { reports: app.reports, store: app.store },
      answerer: app.followUps,
      width: terminalWidth(context.stdout),
      sessionId: randomUUID(),
    });
  } finally {
    await app.close();
  }
}

/** The terminal's width up to 100 columns (longer lines are hard to read), or 100 for a pipe. */
function terminalWidth(stream: NodeJS.WritableStream & { columns?: number }): number {
  return Math.max(40, Math.min(100, stream.columns ?? 100));
}

async function openLiveOrSample(context: CliContext): Promise<{ app: App; clock: () => Date }> {
  try {
    return { app: await context.openApp({ sample: false }), clock: context.clock };
  } catch (error) {
    if (!(error instanceof MissingCredentialsError)) throw error;
    const { now } = loadSample();
    context.stderr.write(`No Reddit credentials set: using the bundled sample of ${now.toISOString().slice(0, 10)} (see README to connect Reddit).\n`);
    // The sample is one fixed day: every command runs at its `now`, so "today" is the sample's day.
    return { app: await context.openApp({ sample: true }), clock: () => now };
  }
}

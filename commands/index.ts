import { type Reply } from '../src/reply/reply.js';
import { StoreError } from '../src/store/errors.js';
import { closeMatches, didYouMean } from '../src/text/suggest.js';
import { adminRefusal, errorReply, type Command, type CommandContext } from './command.js';
import { alertsCommand } from './alerts.js';
import { createHelpCommand } from './help.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionsCommand } from './subscriptions.js';
import { trendsCommand } from './trends.js';
import { unsubscribeCommand } from './unsubscribe.js';
import { quoteInput } from '../src/text/quote.js';

// The registry every adapter reads: which commands exist (to register them) and how to run one from
// typed text. Also the one place that turns an unexpected failure into a reply instead of a crash.

export type { Command, CommandContext, CommandOption, CommandServices, OptionValues } from './command.js';

export const commands: readonly Command[] = [trendsCommand, subscribeCommand, unsubscribeCommand, subscriptionsCommand, alertsCommand, createHelpCommand(() => commands)];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name.toLowerCase());
}

/** Splits a typed command line ("/trends week LocalLLaMA") into its name and option words. */
export function splitCommandLine(line: string): { name: string; tokens: string[] } {
  const [first = '', ...tokens] = line.trim().split(/\s+/).filter(Boolean);
  return { name: first.replace(/^\//, ''), tokens };
}

/** Runs a command from its typed words: admin check, parse, handler; never throws. */
export async function runCommand(name: string, tokens: string[], context: CommandContext): Promise<Reply> {
  const command = findCommand(name);
  if (!command) {
    const names = commands.map((c) => c.name);
    return errorReply(`Unknown command /${quoteInput(name)}.${didYouMean(closeMatches(name, names).map((n) => `/${n}`))} Commands: ${names.map((n) => `/${n}`).join(', ')}.`);
  }
  // Refuse before parsing: a non-admin learns nothing from the validation of options they cannot use.
  if (command.adminOnly && !context.isAdmin) return adminRefusal(command, context);
  const parsed = command.parse(tokens);
  if (!parsed.ok) return parsed.reply;
  return runParsed(command, parsed.options, context);
}

/** Runs a command with options already named (a platform's slash-command options). */
export async function runParsed(command: Command, options: Record<string, string | undefined>, context: CommandContext): Promise<Reply> {
  if (command.adminOnly && !context.isAdmin) return adminRefusal(command, context);
  const timed = context.services.metrics?.commandStarted(command.name, context.target.platform);
  try {
    return await command.run(options, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The user learns what they can do; the operator, on every platform, what failed and where to look.
    context.services.log?.error({ command: command.name, platform: context.target.platform, workspace: context.target.workspaceId, channel: context.target.channelId, err: reason }, `/${command.name} failed`);
    // Trying again helps with an outage, not with damaged stored data: say which it is.
    if (error instanceof StoreError) return errorReply(`/${command.name} could not finish: ${error.forUsers}.`);
    return errorReply(`/${command.name} could not finish: ${reason}. Please try again in a few minutes.`);
  } finally {
    timed?.();
  }
}

/** Runs a typed line such as "/trends week". */
export function runCommandLine(line: string, context: CommandContext): Promise<Reply> {
  const { name, tokens } = splitCommandLine(line);
  return runCommand(name, tokens, context);
}

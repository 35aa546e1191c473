import { MissingCredentialsError } from '../main.js';
import { parseOptions, UsageError } from './args.js';
import type { CliContext } from './context.js';
import { reportCommand } from './report-command.js';

/**
 * `npm start`: the main job on whatever is configured. With Reddit credentials it builds (or serves)
 * today's report; without any, it shows the bundled sample so a new user sees the product at once.
 */
export async function startCommand(args: string[], context: CliContext): Promise<number> {
  const { positionals } = parseOptions(args, {}, 'ai-trends start');
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}". Usage: ai-trends start`);
  try {
    return await reportCommand([], context);
  } catch (error) {
    if (!(error instanceof MissingCredentialsError)) throw error;
    context.stderr.write('No Reddit credentials set: showing the bundled sample report of 2026-02-11 (see README to connect Reddit).\n');
    return reportCommand(['--sample'], context);
  }
}

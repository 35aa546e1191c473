import { deliveryStatus, renderStatusText } from '../schedule/status.js';
import { oneOf, parseNow, parseOptions, UsageError } from './args.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';

export const statusUsage = 'ai-trends status [--format text|json] [--now ISO]';

/** Where the morning posts stand, from the store alone (no platform is contacted). */
export async function statusCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { format: { type: 'string' }, now: { type: 'string' } }, statusUsage);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}". Usage: ${statusUsage}`);
  const format = oneOf('--format', values.format, ['text', 'json'] as const, 'text');
  const now = parseNow(values.now, context.clock(), context.clock());
  const { app } = await openLiveOrSample(context);
  try {
    const status = await deliveryStatus(app.store, now);
    context.stdout.write(format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderStatusText(status));
    return 0;
  } finally {
    await app.close();
  }
}

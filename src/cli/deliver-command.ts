import { morningPostDeps, startPlatforms } from '../main.js';
import { sampleNow } from '../sample/sample.js';
import { deliveryPass, type PassItem } from '../schedule/pass.js';
import { parseNow, UsageError } from './args.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';
import { noPositionals, parseCommand, type CommandSpec } from './spec.js';

export const deliverSpec = {
  name: 'deliver',
  summary: 'Post the morning posts that are due, once each, and exit (for cron).',
  options: [
    { name: 'dry-run', type: 'boolean', description: 'print what would be posted where; post, claim and record nothing' },
    { name: 'sample', type: 'boolean', description: 'post the bundled sample day (2026-02-11) instead of the day collected from Reddit' },
    { name: 'now', type: 'string', value: 'ISO', description: 'as of this moment instead of now, e.g. 2026-02-11T08:05:00Z (not in the future)' },
  ],
  notes: ['Posts what is due by now and not done yet. Exit code 1 when a post failed. Safe beside a running bot on the same store: each post is claimed first.'],
} as const satisfies CommandSpec;

/**
 * One pass of the morning posts from the command line (system cron, backfills, checks): what is due by
 * `--now` and not done is posted, exactly once even beside a running bot on the same store.
 * `--dry-run` prints what would be posted where and touches nothing. Exit 1 when a post failed.
 */
export async function deliverCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommand(deliverSpec, args);
  noPositionals(deliverSpec, positionals);
  const now = parseNow(values.now, context.clock(), context.clock(), 'deliver posts what is due by a moment that has come; leave --now out for the current time');
  const dryRun = values['dry-run'];

  const { app, sample } = await openLiveOrSample(context, values.sample);
  try {
    if (!dryRun && !app.config.discord && !app.config.slack) {
      throw new UsageError('no chat platform is configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID, or SLACK_BOT_TOKEN (see README), or use --dry-run');
    }
    // Only posting: no commands registered, no events answered (the running bot does that).
    const platforms = dryRun ? [] : await startPlatforms(app, { clock: context.clock, log: context.log, listen: false });
    try {
      const deps = morningPostDeps(app, platforms, { log: context.log, sampleNow: sample ? sampleNow() : undefined });
      const items = await deliveryPass(deps, { now, dryRun });
      context.stdout.write(describePass(items, dryRun, (platform) => Boolean(platform === 'discord' ? app.config.discord : app.config.slack)));
      return items.some((item) => item.outcome === 'failed' || item.outcome === 'retrying') ? 1 : 0;
    } finally {
      await Promise.allSettled(platforms.map((platform) => platform.stop(0)));
    }
  } finally {
    await app.close();
  }
}

const words: Record<PassItem['outcome'], string> = {
  posted: 'posted',
  recovered: 'already posted (found after a restart)',
  retrying: 'failed, will retry',
  failed: 'failed for good, subscription paused',
  done: 'done earlier',
  missed: 'missed (past DELIVERY_GRACE_HOURS)',
  paused: 'paused',
  waiting: 'waiting to retry',
  held: 'being posted by another process',
  'not-connected': 'platform not connected here',
  'would-post': 'would post',
};

function describePass(items: PassItem[], dryRun: boolean, configured: (platform: string) => boolean): string {
  if (items.length === 0) return 'Nothing is due: no subscription has a post due by now.\n';
  const lines = items.map((item) => {
    const note = dryRun && item.outcome === 'would-post' && !configured(item.target.platform) ? ' (its platform is not configured here)' : '';
    return `${words[item.outcome]}${note}: ${item.target.platform} ${item.target.workspaceId}/${item.target.channelId}, report ${item.reportDate}, due ${item.dueAt}`;
  });
  return `${lines.join('\n')}\n`;
}

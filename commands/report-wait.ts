import type { Report } from '../src/models.js';
import { progressWords } from '../src/report/progress-text.js';
import { note, type Reply } from '../src/reply/reply.js';
import type { BuildProgress } from '../src/store/records.js';
import type { CommandContext } from './command.js';

// Today's report for a command, when it may still be being collected: a feeds build takes minutes (20
// requests at Reddit's logged-out pace of about one a minute). Instead of a "thinking…" that outlives
// Discord's interaction and says nothing, the asker is told at once that the report is being built, how
// far it has got and about how long is left (CommandContext.interim); the command then answers as usual
// when the report is ready: Discord edits its deferred reply within the token's 15 minutes and posts a new
// message after them, Slack posts in the channel with the bot token (its response_url is only for the note).

/** How often the wait looks at the build's progress. */
const LOOK_MS = 500;
/** A build that says nothing of its progress (the API, another process) is said to be under way after this. */
const QUIET_MS = 8_000;

export async function todaysReport(context: CommandContext, clock: () => number = Date.now): Promise<Report> {
  const reports = context.services.reports;
  const pending = reports.get({ now: context.now });
  if (!context.interim) return (await pending).report;
  let settled = false;
  const done = pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  const today = context.now.toISOString().slice(0, 10);
  const started = clock();
  while (!settled) {
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, LOOK_MS))]);
    if (settled) break;
    const progress = await reports.progress?.(today).catch(() => undefined);
    // A feeds build says so at once; one without progress only when it is slow.
    if (progress?.rung === 'feeds' || clock() - started >= QUIET_MS) {
      // The note is a courtesy: failing to show it must not cost the answer.
      await context.interim(buildingReply(progress, clock())).catch(() => undefined);
      break;
    }
  }
  return (await pending).report;
}

/** "Today's report is being collected from Reddit's public feeds (3/7 requests, about 4 min left); …" */
export function buildingReply(progress: BuildProgress | undefined, nowMs: number): Reply {
  const words = progressWords(progress, nowMs);
  const details = [words.requests, words.waiting ?? undefined, words.left].filter(Boolean).join(', ');
  return { blocks: [note(`Today's report is being collected from ${words.from}${details ? ` (${details})` : ''}; it will be posted here when ready.`, 'info')] };
}

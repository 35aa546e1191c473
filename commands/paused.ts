import { note, type ReplyBlock } from '../src/reply/reply.js';
import { pausedIn } from '../src/schedule/status.js';
import { spelled, type CommandContext } from './command.js';

// A morning post that failed for good (channel deleted, bot removed, a permission taken away) pauses
// its subscription. Nobody may be watching the logs, so the next admin who runs a subscription command
// in that server or workspace is told, with what to do. `skipChannel`: the channel the command fixes.

export async function pausedNotes(context: CommandContext, skipChannel?: string): Promise<ReplyBlock[]> {
  const paused = (await pausedIn(context.services.store, context.target.platform, context.target.workspaceId)).filter((s) => s.target.channelId !== skipChannel);
  return paused.map((s) =>
    note(
      `The morning post of channel ${s.target.channelId} is paused: it failed on ${s.paused!.reportDate} (${s.paused!.code}).${s.paused!.hint ? ` ${s.paused!.hint}` : ''} Then run ${spelled(context, 'subscribe')} there again, or ${spelled(context, 'unsubscribe')} there to drop it.`,
      'warning',
    ),
  );
}

import { utcDate } from '../report/windows.js';
import type { Config } from '../config.js';
import type { ChatTarget } from '../chat/target.js';
import type { Store } from '../store/store.js';

// Limits against abuse and cost, kept in store.counters so they hold across restarts and (with a shared
// store) across processes. Windows are fixed and aligned to UTC: questions per clock hour, tokens per
// UTC day. Fixed windows make "you can ask again at 09:00 UTC" exact and cost one record per window
// (a burst of twice the limit across an hour boundary is the accepted price).

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type Limits = Config['followup'];

/** Who asks where: the user's and the channel's hour and the workspace's day are counted. */
export interface Asker {
  target: ChatTarget;
  userId: string;
}

export type LimitCheck = { ok: true } | { ok: false; reason: 'user' | 'channel' | 'budget'; retryAt: Date; message: string };

function hourKey(now: Date): string {
  return now.toISOString().slice(0, 13);
}

function dayKey(now: Date): string {
  return utcDate(now);
}

export class QuestionLimits {
  // Read-check-write on a counter is not atomic in keyv: serialise this process's updates so two
  // questions arriving together cannot both pass a limit of one. (Several processes on one Redis can
  // still overshoot by the number of processes; acceptable for a cost guard.)
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly limits: Limits,
  ) {}

  /** Counts the question against the user's and the channel's hour when both allow it. */
  admit(asker: Asker, now: Date): Promise<LimitCheck> {
    return this.serialised(async () => {
      const budget = await this.tokensUsed(asker, now);
      if (budget >= this.limits.dailyTokenBudget) {
        const retryAt = new Date(Date.parse(`${dayKey(now)}T00:00:00Z`) + DAY_MS);
        return {
          ok: false as const,
          reason: 'budget' as const,
          retryAt,
          message: `This ${asker.target.platform === 'discord' ? 'server' : 'workspace'} has used today's budget for answers. You can ask again ${untilText(now, retryAt)}.`,
        };
      }
      const hour = hourKey(now);
      const { platform, workspaceId, channelId } = asker.target;
      const userKey = `user:${platform}:${workspaceId}:${asker.userId}:${hour}`;
      const channelKey = `channel:${platform}:${channelId}:${hour}`;
      const user = (await this.store.counters.get(userKey))?.count ?? 0;
      const channel = (await this.store.counters.get(channelKey))?.count ?? 0;
      const retryAt = new Date(Date.parse(`${hour}:00:00Z`) + HOUR_MS);
      if (user >= this.limits.userQuestionsPerHour) {
        return {
          ok: false as const,
          reason: 'user' as const,
          retryAt,
          message: `You have asked ${user} question${user === 1 ? '' : 's'} this hour, the most allowed. You can ask again ${untilText(now, retryAt)}.`,
        };
      }
      if (channel >= this.limits.channelQuestionsPerHour) {
        return {
          ok: false as const,
          reason: 'channel' as const,
          retryAt,
          message: `This channel has had ${channel} question${channel === 1 ? '' : 's'} this hour, the most allowed. You can ask again ${untilText(now, retryAt)}.`,
        };
      }
      const windowStart = `${hour}:00:00.000Z`;
      // Kept a little longer than the window, then the store forgets them.
      await this.store.counters.set(userKey, { windowStart, count: user + 1 }, 2 * HOUR_MS);
      await this.store.counters.set(channelKey, { windowStart, count: channel + 1 }, 2 * HOUR_MS);
      return { ok: true as const };
    });
  }

  /** Adds an answer's tokens to the workspace's day. */
  spend(asker: Asker, tokens: number, now: Date): Promise<void> {
    return this.serialised(async () => {
      const key = budgetKey(asker, now);
      const used = (await this.store.counters.get(key))?.count ?? 0;
      await this.store.counters.set(key, { windowStart: `${dayKey(now)}T00:00:00.000Z`, count: used + tokens }, 2 * DAY_MS);
    });
  }

  async tokensUsed(asker: Asker, now: Date): Promise<number> {
    return (await this.store.counters.get(budgetKey(asker, now)))?.count ?? 0;
  }

  private serialised<R>(work: () => Promise<R>): Promise<R> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function budgetKey(asker: Asker, now: Date): string {
  return `tokens:${asker.target.platform}:${asker.target.workspaceId}:${dayKey(now)}`;
}

/** "in 23 minutes (at 09:00 UTC)"; the date is added when it is not today (UTC). */
export function untilText(now: Date, at: Date): string {
  const minutes = Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const span = hours === 0 ? plural(minutes, 'minute') : rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
  const clock = at.toISOString().slice(11, 16);
  const date = dayKey(at) === dayKey(now) ? '' : ` on ${dayKey(at)}`;
  return `in ${span} (at ${clock} UTC${date})`;
}

import type { ChatAdapter } from '../chat/adapter.js';
import { deliver, fitted } from '../chat/deliver.js';
import { channelKey, type ThreadTarget } from '../chat/target.js';
import type { Logger } from '../log.js';
import { keepClaim } from '../store/held-claim.js';
import type { Store } from '../store/store.js';
import { daysBefore, utcDate } from '../time/day.js';
import { alertMarker, alertReply } from './alert-reply.js';
import { inQuietHours } from './quiet.js';
import { channelZone } from './channels.js';
import type { Mover } from './movers.js';
import { alertDayKey, type AlertDay, type AlertEntry, type AlertSetting } from './records.js';

// One alert to one channel, exactly once, under the rules of a channel's alerts: never in its quiet
// hours, at most ALERTS_PER_DAY a UTC day, never twice for one post. The channel is claimed in the store
// while its alert is decided and posted (two processes never both post; the day's count is read and
// written under the claim); the day's record says "posting" before the post goes out and "done" after, so
// a process killed between the two leaves a trace: the next attempt asks the platform for the marked post
// before posting again, as the morning post does (schedule/morning-post.ts).

export type AlertOutcome = 'posted' | 'recovered' | 'already' | 'quiet' | 'cap' | 'held' | 'failed';

export interface SendAlertDeps {
  store: Store;
  owner: string;
  claimTtlMs: number;
  perDay: number;
  bindThread: (thread: ThreadTarget, reportDate: string) => Promise<void>;
  log: Logger;
}

export async function sendAlert(chat: ChatAdapter, setting: AlertSetting, mover: Mover, now: Date, deps: SendAlertDeps): Promise<AlertOutcome> {
  const { store, owner } = deps;
  const target = setting.target;
  const key = channelKey(target);
  const claim = `alert:${key}`;
  if (!(await store.claims.claim(claim, owner, deps.claimTtlMs))) return 'held';
  const held = keepClaim(store.claims, claim, owner, deps.claimTtlMs);
  const where = { platform: target.platform, channel: target.channelId, post: mover.post.id };
  try {
    const today = utcDate(now);
    const dayKey = alertDayKey(key, today);
    const [yesterday, current] = await store.alertDays.getMany([alertDayKey(key, daysBefore(today, 1)), dayKey]);
    const day: AlertDay = current ?? { target, date: today, alerts: [] };
    const earlier = [...(yesterday?.alerts ?? []), ...day.alerts].find((a) => a.postId === mover.post.id);
    if (earlier?.state === 'done') return 'already';
    const reply = alertReply(mover, now);
    const marker = alertMarker(mover.post.id);
    const save = (entry: AlertEntry) => store.alertDays.set(dayKey, { ...day, alerts: [...day.alerts.filter((a) => a.postId !== entry.postId), entry] });
    if (earlier && chat.findPosted) {
      // An attempt got as far as "posting" and may have posted before it was killed: find it first.
      const [first] = chat.render(fitted(chat, reply));
      const found = first === undefined ? undefined : await chat.findPosted(target, marker, first);
      if (found) {
        await save({ ...earlier, state: 'done', messageId: found.messageId, recovered: true });
        deps.log.info({ ...where, outcome: 'recovered' }, 'alert: found the post of an attempt that was cut short');
        return 'recovered';
      }
    }
    if (!earlier) {
      if (inQuietHours(setting.quiet, now, await channelZone(store, target))) return 'quiet';
      if (day.alerts.length >= deps.perDay) return 'cap';
    }
    const entry: AlertEntry = { postId: mover.post.id, state: 'posting', at: now.toISOString(), title: mover.post.title, subreddit: mover.post.subreddit };
    await save(entry);
    const delivered = await deliver(chat, target, reply, { marker, bindThread: deps.bindThread, background: true, log: deps.log });
    await save({ ...entry, state: 'done', messageId: delivered.messages[0]?.messageId, threadId: delivered.thread?.threadId });
    deps.log.info({ ...where, outcome: 'posted' }, 'alert: posted');
    return 'posted';
  } catch (error) {
    deps.log.warn({ ...where, outcome: 'failed', err: String(error) }, 'alert: could not post; the next look tries again');
    return 'failed';
  } finally {
    await held.stop();
    await store.claims.release(claim, owner).catch(() => undefined);
  }
}

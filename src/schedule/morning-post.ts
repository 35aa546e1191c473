import { postedSections } from '../report/view.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { ChartData } from '../analysis/chart-data.js';
import { loadWeekChart } from '../analysis/week-chart.js';
import { deliver, fitted, resumeDelivery, withoutChart } from '../chat/deliver.js';
import { isChatError } from '../chat/errors.js';
import { channelKey, threadKey, type ThreadTarget } from '../chat/target.js';
import type { Logger } from '../log.js';
import type { Report } from '../models.js';
import { morningReply } from '../reply/report.js';
import { newThreadBinding, type DeliveryProblem, type DeliveryRecord } from '../store/records.js';
import { keepClaim } from '../store/held-claim.js';
import type { Store, StoreEntry } from '../store/store.js';
import { MorningReplies } from './morning-reply.js';
import { alertedPosts, markAlerted } from '../alerts/morning-mark.js';
import { deliveryKey, type Occurrence } from '../time/occurrence.js';

// One channel's morning post of one report, exactly once. The ledger record is claimed atomically
// (so two processes never both post), marked "posting" before the post goes out and "done" after. A
// process killed between the two leaves "posting": the next attempt first asks the platform for the
// marked post and, if it is there, opens and binds its thread when that attempt had not, and completes
// the record. Failures are classified: retryable ones wait
// with a growing delay, permanent ones pause the subscription until an admin subscribes again.
//
// Five round trips to the store per post, what exactly-once needs: the claim, the ledger read after it,
// "posting", then "done" written together with the thread's binding (one write), and the release.

export type PostOutcome = 'posted' | 'recovered' | 'retrying' | 'failed';

export interface MorningPostDeps {
  store: Store;
  /** This process, as a claimant on the shared store. */
  owner: string;
  claimTtlMs: number;
  bindThread: (thread: ThreadTarget, reportDate: string) => Promise<void>;
  log: Logger;
  /** The report's week chart; a pass shares one per report among its posts (loadWeekChart by default). */
  chart?: (report: Report) => Promise<ChartData | null>;
  /** The posts' Replies, shared by a pass among its channels. */
  replies?: MorningReplies;
  /** PUBLIC_URL: each post ends with a link to the day's page. */
  publicUrl?: string;
  /** The channels with alerts on (a pass reads them once); absent: each post reads its channel's alerts. */
  alertChannels?: () => Promise<ReadonlySet<string>>;
}

/** The marker kept with the post on the platform: at most 25 characters (Discord's nonce). */
export function morningMarker(reportDate: string): string {
  return `ait-morning-${reportDate}`;
}

/** Waits between retries: 1, 2, 4 … minutes, at most 30. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/**
 * Posts `occurrence` with `chat` unless it is done or another process holds it. Returns undefined when
 * it did nothing (held elsewhere, or done meanwhile).
 */
export async function postMorning(chat: ChatAdapter, occurrence: Occurrence, report: () => Promise<Report>, now: Date, deps: MorningPostDeps): Promise<PostOutcome | undefined> {
  const { store, owner, log } = deps;
  const target = occurrence.subscription.target;
  const key = deliveryKey(target, occurrence.reportDate);
  const claim = `delivery:${key}`;
  if (!(await store.claims.claim(claim, owner, deps.claimTtlMs))) return undefined;
  // Held for as long as this process works on it (a post slowed by rate limits outlives one TTL); a
  // killed process stops renewing, and the claim passes on after at most one TTL.
  const held = keepClaim(store.claims, claim, owner, deps.claimTtlMs);
  const started = Date.now();
  const where = { platform: target.platform, channel: target.channelId, workspace: target.workspaceId, reportDate: occurrence.reportDate };
  try {
    // Read after the claim: another process may have finished it just before.
    const earlier = await store.deliveries.get(key);
    if (earlier && earlier.state !== 'posting' && earlier.state !== 'retrying') return undefined;
    const attempts = (earlier?.attempts ?? 0) + 1;
    const record = (fields: Partial<DeliveryRecord> & Pick<DeliveryRecord, 'state'>): DeliveryRecord => ({
      target,
      reportDate: occurrence.reportDate,
      dueAt: occurrence.dueAt.toISOString(),
      attempts,
      updatedAt: new Date(now.getTime() + (Date.now() - started)).toISOString(),
      ...fields,
    });
    try {
      const shared = await morningWithChart(chat, await report(), postedSections(occurrence.subscription), deps);
      // Only a channel with alerts on costs the read of its alerts (a post stays at five store round trips).
      const alerting = deps.alertChannels ? (await deps.alertChannels()).has(channelKey(target)) : true;
      const reply = alerting ? markAlerted(shared, await alertedPosts(store, target, occurrence.reportDate, occurrence.subscription.timezone)) : shared;
      const marker = morningMarker(occurrence.reportDate);
      if (earlier && chat.findPosted) {
        // An earlier attempt got at least this far: it may have posted and been killed before "done".
        const [first] = chat.render(fitted(chat, reply));
        const found = first === undefined ? undefined : await chat.findPosted(target, marker, first);
        if (found) {
          // Its thread too: opened and bound now unless that attempt got so far (else questions asked
          // under the morning post would go unanswered all day).
          const threadBound = async (thread: ThreadTarget) => (await store.threads.get(threadKey(thread))) !== undefined;
          const resumed = await resumeDelivery(chat, target, found, reply, { bindThread: deps.bindThread, threadBound, log });
          await store.deliveries.set(key, record({ state: 'done', messageId: found.messageId, threadId: resumed.thread?.threadId, recovered: true, durationMs: Date.now() - started }));
          log.info({ ...where, outcome: 'recovered', thread: resumed.thread?.threadId, messages: resumed.messages.length, durationMs: Date.now() - started }, 'morning post: found the post of an attempt that was cut short');
          return 'recovered';
        }
      }
      await store.deliveries.set(key, record({ state: 'posting' }));
      // In the background: answers and commands go first. The thread is bound below, with "done", unless a
      // rest of the post had to follow in it (then deliver binds it first, see DeliverOptions.bindLater).
      const delivered = await deliver(chat, target, reply, { marker, bindThread: deps.bindThread, bindLater: true, background: true, log });
      const durationMs = Date.now() - started;
      const done: StoreEntry[] = [store.deliveries.entry(key, record({ state: 'done', messageId: delivered.messages[0]?.messageId, threadId: delivered.thread?.threadId, durationMs }))];
      if (delivered.thread && !delivered.bound && reply.openThread) {
        done.push(store.threads.entry(threadKey(delivered.thread), newThreadBinding(delivered.thread, reply.openThread.reportDate, new Date(now.getTime() + durationMs))));
      }
      await store.setTogether(done);
      log.info({ ...where, outcome: 'posted', durationMs, messages: delivered.messages.length }, 'morning post: posted');
      return 'posted';
    } catch (error) {
      const problem: DeliveryProblem = isChatError(error) ? { code: error.code, message: error.message, hint: error.hint } : { code: 'error', message: error instanceof Error ? error.message : String(error) };
      const durationMs = Date.now() - started;
      if (isChatError(error) && error.permanent) {
        await store.deliveries.set(key, record({ state: 'failed', problem, durationMs }));
        await pause(store, occurrence, problem, now);
        log.warn({ ...where, outcome: 'failed', durationMs, code: problem.code }, `morning post: failed for good, subscription paused: ${problem.message}`);
        return 'failed';
      }
      // Rate limits, the platform's 5xx, the network, a report that could not be built: later, again.
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
      await store.deliveries.set(key, record({ state: 'retrying', problem, nextAttemptAt, durationMs }));
      log.warn({ ...where, outcome: 'retrying', durationMs, code: problem.code, nextAttemptAt }, `morning post: will retry: ${problem.message}`);
      return 'retrying';
    }
  } finally {
    // Stopped first: a renewal still on its way would take the claim again after the release.
    await held.stop();
    await store.claims.release(claim, owner).catch(() => undefined);
  }
}

/** The morning Reply with its chart; a chart whose data cannot be read costs the chart, never the post. */
async function morningWithChart(chat: ChatAdapter, report: Report, sections: Occurrence['subscription']['sections'], deps: MorningPostDeps) {
  try {
    const chart = await (deps.chart ?? ((r: Report) => loadWeekChart(deps.store, r)))(report);
    return (deps.replies ?? new MorningReplies(deps.publicUrl)).get(chat, report, sections, chart);
  } catch (error) {
    deps.log.warn({ reportDate: report.date, err: String(error) }, 'morning post: the chart data could not be read; posting without the chart');
    return withoutChart(morningReply(report, sections, undefined, deps.publicUrl));
  }
}

/** Stops a subscription's posts until an admin subscribes the channel again (which replaces the record). */
async function pause(store: Store, occurrence: Occurrence, problem: DeliveryProblem, now: Date): Promise<void> {
  const { subscription } = occurrence;
  const key = channelKey(subscription.target);
  const current = await store.subscriptions.get(key);
  // Changed since this pass read it (an admin subscribed again): that newer record is not paused.
  if (!current || current.createdAt !== subscription.createdAt) return;
  await store.subscriptions.set(key, { ...current, paused: { ...problem, at: now.toISOString(), reportDate: occurrence.reportDate } });
}

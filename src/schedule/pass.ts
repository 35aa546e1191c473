import type { ChartData } from '../analysis/chart-data.js';
import { loadWeekChart } from '../analysis/week-chart.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { ChatTarget, Platform, ThreadTarget } from '../chat/target.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Report } from '../models.js';
import { utcDate } from '../report/windows.js';
import type { Subscription } from '../store/records.js';
import type { Store } from '../store/store.js';
import { postMorning, type PostOutcome } from './morning-post.js';
import { deliveryKey, dueOccurrences, nextOccurrence, type Occurrence } from './occurrence.js';

// One look at every subscription: what is due and not done is posted (catching up on anything less than
// the grace period late), what is older is recorded as missed, and the day's report is prepared shortly
// before the first post needs it. The scheduler runs a pass every minute; `ai-trends deliver` runs one.

export interface DeliverySettings {
  /** A post later than this is missed, not posted (DELIVERY_GRACE_HOURS). */
  graceMs: number;
  /** The report is built this long before the first post of its day (REPORT_PREPARE_MINUTES). */
  prepareMs: number;
  /** Posts in flight at once per platform (DELIVERY_CONCURRENCY); the SDKs pace requests beneath. */
  concurrency: number;
  /** How long a claim on a post lasts (DELIVERY_CLAIM_SECONDS): longer than a post takes. */
  claimTtlMs: number;
}

export interface PassDeps {
  store: Store;
  reports: { get(options: { now: Date }): Promise<{ report: Report }> };
  /** The platforms this process can post on. */
  chats: Partial<Record<Platform, ChatAdapter>>;
  bindThread: (thread: ThreadTarget, reportDate: string) => Promise<void>;
  settings: DeliverySettings;
  owner: string;
  /**
   * Whether this process posts to a target (a sharded Discord bot: only the shard owning the guild);
   * the others' subscriptions are left to them. Absent: every target.
   */
  owns?: (target: ChatTarget) => boolean;
  log: Logger;
  /** The `now` the report for a post due at `dueAt` is asked with (the sample: its own fixed day). */
  reportNow?: (dueAt: Date, now: Date) => Date;
  /** Counts each post's outcome by platform. */
  metrics?: Pick<Metrics, 'delivery'>;
}

/** What a pass found or did for one post. */
export type PassOutcome = PostOutcome | 'done' | 'missed' | 'paused' | 'waiting' | 'held' | 'not-connected' | 'would-post';

export interface PassItem {
  key: string;
  target: ChatTarget;
  reportDate: string;
  dueAt: string;
  outcome: PassOutcome;
}

/** A report for a post due at `dueAt`: that UTC day's, asked at a moment inside that day. */
const defaultReportNow = (dueAt: Date, now: Date) => (utcDate(now) === utcDate(dueAt) ? now : dueAt);

export interface PassOptions {
  now: Date;
  /** Report what would be posted where; post, claim and record nothing. */
  dryRun?: boolean;
  /** A stop: posts under way finish, the rest are left (unclaimed) for the next pass or process. */
  signal?: AbortSignal;
}

export async function deliveryPass(deps: PassDeps, { now, dryRun = false, signal }: PassOptions): Promise<PassItem[]> {
  const owns = deps.owns ?? (() => true);
  const subscriptions = (await deps.store.subscriptions.list()).map((entry) => entry.value).filter((s) => s.target.platform !== 'console' && owns(s.target));
  const reportNow = deps.reportNow ?? defaultReportNow;
  const reports = new Map<string, Promise<Report>>();
  const reportFor = (o: Occurrence) => {
    let pending = reports.get(o.reportDate);
    if (!pending) {
      pending = deps.reports.get({ now: reportNow(o.dueAt, now) }).then((r) => r.report);
      reports.set(o.reportDate, pending);
    }
    return pending;
  };
  // One chart per report for the whole pass: every channel posts the same numbers (and one PNG per platform).
  const charts = new Map<string, Promise<ChartData | null>>();
  const chartFor = (report: Report) => {
    let pending = charts.get(report.date);
    if (!pending) {
      pending = loadWeekChart(deps.store, report);
      charts.set(report.date, pending);
    }
    return pending;
  };

  // Every due post's ledger record, read at once (their round trips overlap).
  const due = subscriptions.flatMap((subscription) => dueOccurrences(subscription, now));
  const items = await Promise.all(due.map(async (occurrence) => ({ ...itemOf(occurrence), outcome: await classify(occurrence, deps, now, dryRun) })));
  const toPost = dryRun ? [] : due.flatMap((occurrence, i) => (items[i]!.outcome === 'would-post' ? [{ occurrence, item: items[i]! }] : []));

  // Each platform's posts run side by side, a bounded number at a time: one slow or broken channel
  // holds up only its own worker, and the SDK's rate limiting paces the requests underneath.
  const byPlatform = new Map<Platform, typeof toPost>();
  for (const entry of toPost.sort((a, b) => a.occurrence.dueAt.getTime() - b.occurrence.dueAt.getTime())) {
    const platform = entry.occurrence.subscription.target.platform;
    byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), entry]);
  }
  await Promise.all(
    [...byPlatform].map(([platform, queue]) =>
      pool(queue, deps.settings.concurrency, signal, async ({ occurrence, item }) => {
        try {
          item.outcome = (await postMorning(deps.chats[platform]!, occurrence, () => reportFor(occurrence), now, { ...deps, claimTtlMs: deps.settings.claimTtlMs, chart: chartFor })) ?? 'held';
        } catch (error) {
          // The store itself failed (the claim or the ledger): nothing was posted; the next pass tries again.
          deps.log.error({ platform, channel: item.target.channelId, reportDate: item.reportDate, err: String(error) }, 'morning post: the store failed; trying again at the next pass');
          item.outcome = 'waiting';
        }
        deps.metrics?.delivery(platform, item.outcome);
      }),
    ),
  );

  if (!dryRun && !signal?.aborted) await prepare(subscriptions, deps, now, reportNow, reports);
  return items;
}

function itemOf(occurrence: Occurrence): PassItem {
  const { target } = occurrence.subscription;
  return { key: deliveryKey(target, occurrence.reportDate), target, reportDate: occurrence.reportDate, dueAt: occurrence.dueAt.toISOString(), outcome: 'would-post' };
}

/** What to do with one due post, from the ledger, the subscription and the clock. */
async function classify(occurrence: Occurrence, deps: PassDeps, now: Date, dryRun: boolean): Promise<PassOutcome> {
  const { subscription } = occurrence;
  const key = deliveryKey(subscription.target, occurrence.reportDate);
  const record = await deps.store.deliveries.get(key);
  if (record?.state === 'done') return 'done';
  if (record?.state === 'failed' || subscription.paused) return 'paused';
  if (record?.state === 'missed') return 'missed';
  if (now.getTime() - occurrence.dueAt.getTime() > deps.settings.graceMs) {
    if (!dryRun) {
      await deps.store.deliveries.set(key, { ...(record ?? { attempts: 0 }), target: subscription.target, reportDate: occurrence.reportDate, dueAt: occurrence.dueAt.toISOString(), state: 'missed', updatedAt: now.toISOString() });
      deps.log.warn({ platform: subscription.target.platform, channel: subscription.target.channelId, reportDate: occurrence.reportDate, dueAt: occurrence.dueAt.toISOString(), outcome: 'missed' }, 'morning post: missed (more than DELIVERY_GRACE_HOURS late); it will not be posted');
    }
    return 'missed';
  }
  if (record?.state === 'retrying' && record.nextAttemptAt && Date.parse(record.nextAttemptAt) > now.getTime()) return 'waiting';
  // A dry run connects to nothing: it says what a run with every platform would post.
  if (!dryRun && !deps.chats[subscription.target.platform]) return 'not-connected';
  return 'would-post';
}

/**
 * Builds the report of the next posts' day a little before the first of them, so that post goes out
 * on time. Only for a day that has begun (a report is of the day it is built in).
 */
async function prepare(subscriptions: Subscription[], deps: PassDeps, now: Date, reportNow: NonNullable<PassDeps['reportNow']>, building: Map<string, Promise<Report>>): Promise<void> {
  const soon = subscriptions
    .filter((s) => !s.paused && deps.chats[s.target.platform])
    .map((s) => nextOccurrence(s, now))
    .filter((o) => o.dueAt.getTime() - now.getTime() <= deps.settings.prepareMs && o.reportDate === utcDate(now) && !building.has(o.reportDate));
  const first = soon.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  if (!first) return;
  try {
    await deps.reports.get({ now: reportNow(first.dueAt, now) });
  } catch (error) {
    deps.log.warn({ reportDate: first.reportDate, err: String(error) }, 'morning post: could not prepare the report yet; the post will build it');
  }
}

/** Runs `work` over `items`, at most `size` at a time, starting none once `signal` is aborted. */
async function pool<T>(items: T[], size: number, signal: AbortSignal | undefined, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

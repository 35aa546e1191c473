import { reportKey, subscriptionView, viewKey, viewReportKey, type ReportView } from '../report/view.js';
import type { ChartData } from '../analysis/chart-data.js';
import { loadWeekChart } from '../analysis/week-chart.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { ChatTarget, ThreadTarget } from '../chat/target.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Report } from '../models.js';
import { utcDate } from '../report/windows.js';
import type { DeliveryRecord } from '../store/records.js';
import { platforms, type Platform } from '../chat/target.js';
import { NEVER, type ScheduleMove } from '../store/schedule.js';
import type { Store } from '../store/store.js';
import { stampOf } from '../store/subscriptions.js';
import { alertChannelKeys } from '../alerts/channels.js';
import { postMorning, retryDelayMs, type PostOutcome } from './morning-post.js';
import { MorningReplies } from './morning-reply.js';
import { nextLook, SAVE_IN_FLIGHT_MS, type Settled } from './next-look.js';
import { deliveryKey, type Occurrence } from '../time/occurrence.js';
import { PASS_PAGE, passUnits, type PassUnit } from './pass-pages.js';

// A look at the subscriptions: what is due and not done is posted (catching up on anything less than the
// grace period late), what is older is recorded as missed, and the day's report is prepared shortly
// before the first post needs it. The scheduler runs one every minute over what the schedule says is due
// (scope 'due': nothing due costs one indexed read per platform; k due, k subscriptions read); `ai-trends
// deliver` looks at every subscription (scope 'all'). Either way the subscriptions come a page at a time
// (pass-pages.ts) and each one's next look goes back to the schedule once it is settled (next-look.ts).

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
  reports: {
    get(options: { now: Date }): Promise<{ report: Report }>;
    /** A view of the day (DailyReports.view): one report and one analysis per distinct view. */
    view?(view: ReportView, options: { now: Date }): Promise<{ report: Report }>;
  };
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
  /** PUBLIC_URL: each post ends with a link to the day's page. */
  publicUrl?: string;
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
  /** 'due' (the minute pass): only what the schedule says is due; 'all' (default): every subscription. */
  scope?: 'due' | 'all';
}

/** Runs a pass and returns what it found or did for each post it looked at (the CLI prints them). */
export async function deliveryPass(deps: PassDeps, options: PassOptions): Promise<PassItem[]> {
  const items: PassItem[] = [];
  await runPass(deps, options, (item) => items.push(item));
  return items;
}

/** Runs a pass, handing each item to `onItem` as it is settled (the scheduler counts them; nothing is kept). */
export async function runPass(deps: PassDeps, { now, dryRun = false, signal, scope = 'all' }: PassOptions, onItem: (item: PassItem) => void): Promise<void> {
  const owns = deps.owns ?? (() => true);
  // The minute pass looks only where this process posts; a full look and a dry run, everywhere.
  const here = platforms.filter((p) => p !== 'console' && (dryRun || scope === 'all' || deps.chats[p]));
  const shared = sharedWork(deps, now);
  const moves = new Moves(deps.store, dryRun);
  const handle = (unit: PassUnit) => handleUnit(unit, { deps, now, dryRun, shared, moves, onItem });
  // Each platform's posts run side by side, a bounded number at a time: one slow or broken channel holds
  // up only its own worker, and the SDK's pacing spaces the requests underneath.
  await Promise.all(here.map((platform) => pool(passUnits({ store: deps.store, platform, now, scope, owns }), deps.settings.concurrency, signal, handle)));
  await moves.flush();
  if (!dryRun && !signal?.aborted) await prepare(deps, now, shared);
}

interface UnitContext {
  deps: PassDeps;
  now: Date;
  dryRun: boolean;
  shared: SharedWork;
  moves: Moves;
  onItem: (item: PassItem) => void;
}

/** One subscription: its owed posts classified and posted, then its next look put in the schedule. */
async function handleUnit(unit: PassUnit, { deps, now, dryRun, shared, moves, onItem }: UnitContext): Promise<void> {
  if (unit.kind !== 'owed') {
    // Set aside (never due) once it has stayed so longer than any save takes; an admin's /subscribe brings it back.
    if (unit.kind === 'unreadable') deps.log.warn({ key: unit.entry.key, err: String(unit.error) }, 'morning post: a subscription whose times cannot be worked out is set aside until an admin subscribes that channel again');
    if (now.getTime() - unit.entry.dueAt > SAVE_IN_FLIGHT_MS) moves.add({ from: unit.entry, to: { dueAt: NEVER, stamp: unit.entry.stamp } });
    return;
  }
  const settled: Settled[] = [];
  for (const { occurrence, record } of unit.owed) {
    const item = itemOf(occurrence);
    item.outcome = await classify(occurrence, record, deps, now, dryRun);
    let retryAt = item.outcome === 'waiting' && record?.nextAttemptAt ? Date.parse(record.nextAttemptAt) : undefined;
    if (item.outcome === 'would-post' && !dryRun) {
      const platform = item.target.platform;
      try {
        item.outcome = (await postMorning(deps.chats[platform]!, occurrence, () => shared.report(occurrence), now, { ...deps, claimTtlMs: deps.settings.claimTtlMs, chart: shared.chart, replies: shared.replies, alertChannels: shared.alertChannels })) ?? 'held';
        // When the attempt just made (the ledger's count and one) may be tried again.
        if (item.outcome === 'retrying') retryAt = now.getTime() + retryDelayMs((record?.attempts ?? 0) + 1);
      } catch (error) {
        // The store itself failed (the claim or the ledger): nothing was posted; the next pass tries again.
        deps.log.error({ platform, channel: item.target.channelId, reportDate: item.reportDate, err: String(error) }, 'morning post: the store failed; trying again at the next pass');
        item.outcome = 'waiting';
      }
      deps.metrics?.delivery(platform, item.outcome);
    }
    settled.push({ outcome: item.outcome, retryAt });
    onItem(item);
  }
  if (dryRun) return;
  const next = nextLook(unit.subscription, unit.entry, settled, now);
  if (next !== undefined && next !== unit.entry.dueAt) moves.add({ from: unit.entry, to: { dueAt: next, stamp: stampOf(unit.subscription) } });
}

function itemOf(occurrence: Occurrence): PassItem {
  const { target } = occurrence.subscription;
  return { key: deliveryKey(target, occurrence.reportDate), target, reportDate: occurrence.reportDate, dueAt: occurrence.dueAt.toISOString(), outcome: 'would-post' };
}

/** What to do with one due post, from its ledger record (read with its page), the subscription and the clock. */
async function classify(occurrence: Occurrence, record: DeliveryRecord | undefined, deps: PassDeps, now: Date, dryRun: boolean): Promise<PassOutcome> {
  const { subscription } = occurrence;
  const key = deliveryKey(subscription.target, occurrence.reportDate);
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

/** What every post of a pass shares: one report per day, one chart per report, one Reply per platform and sections. */
interface SharedWork {
  report(occurrence: Occurrence): Promise<Report>;
  chart(report: Report): Promise<ChartData | null>;
  replies: MorningReplies;
  /** The channels with alerts on, read once a pass (their posts are marked; the others' need no alert read). */
  alertChannels(): Promise<ReadonlySet<string>>;
  /** Whether this pass has asked for the report of `date` already. */
  asked(date: string): boolean;
}

function sharedWork(deps: PassDeps, now: Date): SharedWork {
  const reportNow = deps.reportNow ?? defaultReportNow;
  const reports = new Map<string, Promise<Report>>();
  const charts = new Map<string, Promise<ChartData | null>>();
  const askedDates = new Set<string>();
  let alerting: Promise<ReadonlySet<string>> | undefined;
  return {
    alertChannels() {
      alerting ??= alertChannelKeys(deps.store).then((keys) => new Set(keys));
      return alerting;
    },
    report(occurrence) {
      // One report per distinct view of the day: equal views share it (and its analysis).
      const view = subscriptionView(occurrence.subscription);
      const key = viewKey(view);
      const mapKey = viewReportKey(occurrence.reportDate, deps.reports.view ? key : '');
      let pending = reports.get(mapKey);
      if (!pending) {
        const options = { now: reportNow(occurrence.dueAt, now) };
        pending = (key && deps.reports.view ? deps.reports.view(view, options) : deps.reports.get(options)).then((r) => r.report);
        reports.set(mapKey, pending);
        askedDates.add(occurrence.reportDate);
      }
      return pending;
    },
    // One chart per report for the whole pass: every channel posts the same numbers (and one PNG per platform).
    chart(report) {
      let pending = charts.get(reportKey(report));
      if (!pending) {
        pending = loadWeekChart(deps.store, report);
        charts.set(reportKey(report), pending);
      }
      return pending;
    },
    replies: new MorningReplies(deps.publicUrl),
    asked: (date) => askedDates.has(date),
  };
}

/** Next looks on their way to the schedule, written a page at a time. */
class Moves {
  private pending: ScheduleMove[] = [];

  constructor(
    private readonly store: Store,
    private readonly dryRun: boolean,
  ) {}

  add(move: ScheduleMove): void {
    if (this.dryRun) return;
    this.pending.push(move);
    if (this.pending.length >= PASS_PAGE) void this.flush().catch(() => undefined);
  }

  /** Writes what is pending; a failure leaves those entries due, so the next pass looks at them again. */
  async flush(): Promise<void> {
    const moves = this.pending;
    this.pending = [];
    await this.store.subscriptions.move(moves).catch(() => undefined);
  }
}

/**
 * Builds the report of the next posts' day a little before the first of them, so that post goes out
 * on time. Only for a day that has begun (a report is of the day it is built in).
 */
async function prepare(deps: PassDeps, now: Date, shared: SharedWork): Promise<void> {
  const nexts = await Promise.all(platforms.filter((p) => deps.chats[p]).map((p) => deps.store.subscriptions.next(p, now.getTime()).catch(() => undefined)));
  const first = Math.min(...nexts.filter((n): n is number => n !== undefined));
  if (!Number.isFinite(first) || first - now.getTime() > deps.settings.prepareMs) return;
  const dueAt = new Date(first);
  const reportDate = utcDate(dueAt);
  if (reportDate !== utcDate(now) || shared.asked(reportDate)) return;
  try {
    await deps.reports.get({ now: (deps.reportNow ?? defaultReportNow)(dueAt, now) });
    await prepareViews(deps, now, dueAt, reportDate);
  } catch (error) {
    deps.log.warn({ reportDate, err: String(error) }, 'morning post: could not prepare the report yet; the post will build it');
  }
}

/** The views this process has prepared, per report source and day: each is built once ahead of its posts. */
const preparedViews = new WeakMap<object, Set<string>>();
/** Subscriptions read per platform when preparing views: the first page due in the window. */
const PREPARE_VIEWS_PAGE = 200;

/**
 * The distinct views of the subscriptions due within the preparation window, built ahead of their posts
 * too (each view's analysis is a model call: without this, a view's first post waits for it).
 */
async function prepareViews(deps: PassDeps, now: Date, dueAt: Date, reportDate: string): Promise<void> {
  const reports = deps.reports;
  if (!reports.view) return;
  const prepared = preparedViews.get(reports) ?? new Set<string>();
  preparedViews.set(reports, prepared);
  const until = now.getTime() + deps.settings.prepareMs;
  for (const platform of platforms.filter((p) => deps.chats[p])) {
    const entries = await deps.store.subscriptions.due(platform, until, PREPARE_VIEWS_PAGE);
    const subscriptions = await deps.store.subscriptions.getMany(entries.map((e) => e.key));
    for (const subscription of subscriptions) {
      if (!subscription || subscription.paused) continue;
      const view = subscriptionView(subscription);
      const key = viewKey(view);
      if (!key || prepared.has(viewReportKey(reportDate, key))) continue;
      prepared.add(viewReportKey(reportDate, key));
      await reports.view(view, { now: (deps.reportNow ?? defaultReportNow)(dueAt, now) });
    }
  }
}

/** Runs `work` over what `source` yields, at most `size` at a time, taking none once `signal` is aborted. */
async function pool<T>(source: AsyncIterator<T>, size: number, signal: AbortSignal | undefined, work: (item: T) => Promise<void>): Promise<void> {
  const worker = async () => {
    while (!signal?.aborted) {
      const next = await source.next();
      if (next.done) return;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
}

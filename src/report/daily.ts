import { randomUUID } from 'node:crypto';
import type { Post, Report, CollectProgress } from '../models.js';
import { keepClaim } from '../store/held-claim.js';
import type { BuildProgress } from '../store/records.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { buildReport } from './build.js';
import type { ReportStep } from './step.js';
import { isLive, ReportFallbacks, type FallbackSettings } from './fallback.js';
import type { SampleAnalysisRetry } from './sample-retry.js';
import type { PostSource } from './source.js';
import { utcDate } from './windows.js';
import { reportPosts } from '../analysis/report-posts.js';
import { collectedPosts, extraSnapshotKey } from '../analysis/history.js';
import { viewKey, viewMatcher, viewReportKey, type ReportView, type ReportViewInfo } from './view.js';

/** MAX_REPORT_VIEWS's default: distinct views analysed a day before the offline analysis stands in. */
export const DEFAULT_MAX_REPORT_VIEWS = 20;

// One report per UTC day, built once and stored; every later reader gets the stored one. Building also
// stores the day's snapshot of every collected post, which later days compare against. When the day's
// posts cannot be collected (every live rung failed), the fallbacks serve a marked stand-in for a while.

export interface DailyReportOptions {
  now: Date;
  /** Build again even when the day's report is stored. */
  refresh?: boolean;
  /** Told how far the collection has got while this reader waits for it (a feeds build takes minutes). */
  onProgress?: (progress: CollectProgress) => void;
  /**
   * A collection with no post of the day is thrown (EmptyReportError, NoPostInWindowsError) instead of served
   * as a fallback: for a `now` on a past day, where it means "that day is gone from Reddit", not an outage.
   */
  emptyIsError?: boolean;
}

export interface DailyReport {
  report: Report;
  fromStore: boolean;
  /** Set when the report is a stand-in (stale or sample): when Reddit is asked again. */
  retryAt?: string;
}

/** A report as a build (or a wait for another's) ends: stored, or a stand-in. */
type Built = Omit<DailyReport, 'fromStore'>;

/**
 * How long a build's claim lasts unless renewed. The builder renews it every third of this while it
 * works, so a build may take as long as Reddit and the model need, and a killed builder's claim passes to
 * a waiting process within this (it was a fixed 10 minutes: a restarted bot's /trends waited that long).
 */
const BUILD_CLAIM_MS = 30_000;
/** A view's slot under MAX_REPORT_VIEWS lasts past its day (a late post builds it on the next UTC day). */
const VIEW_SLOT_MS = 3 * 86_400_000;
/** How often a process waiting for another's build looks for the stored report. */
const BUILD_POLL_MS = 500;

export interface ViewSettings {
  /** MAX_REPORT_VIEWS: distinct views a day whose analysis the model writes. */
  maxViews?: number;
  /**
   * REDDIT_SUBREDDITS: the day's own report (every channel without a setting) keeps to these; the posts of
   * communities only some subscriptions name are kept beside it, for their views (`<date>~extra` snapshot).
   */
  dayCommunities?: readonly string[];
}

export class DailyReports {
  private building = new Map<string, Promise<Built>>();
  /** Readers waiting on a day's build, told its progress. */
  private readonly listeners = new Map<string, Set<(progress: CollectProgress) => void>>();
  private readonly progressByDate = new Map<string, BuildProgress>();
  /** This process, as a claimant of report builds on the shared store. */
  private readonly owner = randomUUID();
  private readonly fallbacks?: ReportFallbacks;

  constructor(
    private readonly store: Store,
    private readonly source: PostSource,
    private readonly steps: ReportStep[] = [],
    private readonly timing: { claimMs?: number; pollMs?: number; clock?: () => number } = {},
    /** Without them (the sample, tests) a failed collection is an error, as before the ladder. */
    fallbacks?: FallbackSettings,
    /** The stored sample report analysed offline while a model is configured: built again once (sample-retry.ts). */
    private readonly sampleRetry?: SampleAnalysisRetry,
    private readonly views: ViewSettings = {},
  ) {
    if (fallbacks) this.fallbacks = new ReportFallbacks(store, fallbacks);
  }

  async get({ now, refresh = false, onProgress, emptyIsError = false }: DailyReportOptions): Promise<DailyReport> {
    const date = utcDate(now);
    if (!refresh && this.sampleRetry) {
      const kept = await this.store.reports.get(date);
      refresh = kept !== undefined && this.sampleRetry.rebuild(kept);
    }
    if (!refresh) {
      const stored = await this.stored(date, now);
      if (stored) return { ...stored, fromStore: true };
    }
    // Two callers asking for the same day at once (a command and the morning post) share one build.
    let pending = this.building.get(date);
    if (!pending) {
      pending = (refresh ? this.build(now, emptyIsError) : this.buildOnce(date, now, emptyIsError)).finally(() => this.building.delete(date));
      this.building.set(date, pending);
    }
    if (!onProgress) return { ...(await pending), fromStore: false };
    const listeners = this.listeners.get(date) ?? new Set();
    this.listeners.set(date, listeners.add(onProgress));
    try {
      return { ...(await pending), fromStore: false };
    } finally {
      listeners.delete(onProgress);
    }
  }

  /**
   * A view of the day (view.ts): the day's report for the default view; else built once from the day's one
   * collection (its snapshot) filtered to the view, analysed in the view's language, and stored under
   * `<date>~<key>` for every channel with an equal view. No Reddit request beyond the day's collection.
   */
  async view(view: ReportView | undefined, options: DailyReportOptions): Promise<DailyReport> {
    const day = await this.get(options);
    const key = viewKey(view);
    if (!key) return day;
    const date = day.report.date;
    const storeKey = viewReportKey(date, key);
    // Stored for this view since the day's report was built (a refresh of the day builds its views again).
    const fresh = async (): Promise<Built | undefined> => {
      const stored = await this.store.reports.get(storeKey);
      return stored && stored.generatedAt >= day.report.generatedAt ? { report: stored } : undefined;
    };
    if (!options.refresh) {
      const stored = await fresh();
      if (stored) return { ...stored, fromStore: true };
    }
    let pending = this.building.get(storeKey);
    if (!pending) {
      pending = this.claimedBuild(`report-build:${storeKey}`, fresh, () => this.buildView(day.report, { ...view, key }, options.now)).finally(() => this.building.delete(storeKey));
      this.building.set(storeKey, pending);
    }
    return { ...(await pending), fromStore: false, ...(day.retryAt ? { retryAt: day.retryAt } : {}) };
  }

  /** Today's distinct views so far (keys), for the cap and `status`. */
  async viewsOf(date: string): Promise<string[]> {
    return JSON.parse((await this.store.meta.get(`report-views:${date}`)) ?? '[]') as string[];
  }

  private async buildView(day: Report, view: ReportViewInfo, now: Date): Promise<Built> {
    const posts = ((await collectedPosts(this.store, day.date)) ?? reportPosts(day)).filter(viewMatcher(view));
    // The cap counts distinct views analysed this day in every process: each takes one of MAX_REPORT_VIEWS
    // slots, claimed atomically in the store for the day (a view built again keeps its slot).
    let overCap = true;
    for (let slot = 0; slot < (this.views.maxViews ?? DEFAULT_MAX_REPORT_VIEWS) && overCap; slot++) {
      if (await this.store.claims.claim(`report-view-slot:${day.date}:${slot}`, view.key, VIEW_SLOT_MS)) overCap = false;
    }
    // The day's views, for `status` (a listing: a race between two processes may leave one out of it, never out of the cap).
    const views = await this.viewsOf(day.date);
    if (!views.includes(view.key)) await this.store.meta.set(`report-views:${day.date}`, JSON.stringify([...views, view.key]));
    const builtAt = new Date(day.generatedAt);
    let report: Report = { ...buildReport(posts, builtAt, viewWarnings(day.warnings, view), day.source), view: { ...view, ...(overCap ? { overCap: true } : {}) } };
    for (const step of this.steps) report = await step(report, builtAt);
    // The pick step names the configured communities: a view names only its own.
    if (view.communities?.length) report = { ...report, configuredCommunities: [...view.communities] };
    await this.store.reports.set(viewReportKey(day.date, view.key), report);
    return { report };
  }

  /** How far the day's build has got, in this process or another on the store; undefined when none runs. */
  async progress(date: string): Promise<BuildProgress | undefined> {
    return this.progressByDate.get(date) ?? (await this.store.builds.get(date));
  }

  /** The day's stored report, or the stand-in still served for it. */
  private async stored(date: string, now: Date): Promise<Built | undefined> {
    const report = await this.store.reports.get(date);
    // With fallbacks (the live app), the sample day kept under its own date is no day's news, even on that date.
    if (report && (!this.fallbacks || isLive(report))) return { report };
    return this.fallbacks?.current(date, now);
  }

  /**
   * Builds the day's report unless another process on the same store is building it: then waits for
   * that one's stored report (or takes over once its claim runs out: it was killed and stopped renewing).
   * Every morning post of the day, in every process, shares one build.
   */
  private buildOnce(date: string, now: Date, emptyIsError: boolean): Promise<Built> {
    return this.claimedBuild(`report-build:${date}`, () => this.stored(date, now), () => this.build(now, emptyIsError));
  }

  /**
   * Runs `build` under the store claim `claimKey`, once across the processes on the store: while another
   * holds the claim, waits for what `stored` finds; once its claim runs out (killed: it stopped renewing),
   * takes it over. `stored` is asked again just after the claim is won (built between our look and our claim).
   */
  private async claimedBuild(claimKey: string, stored: () => Promise<Built | undefined>, build: () => Promise<Built>): Promise<Built> {
    const claimMs = this.timing.claimMs ?? BUILD_CLAIM_MS;
    // Each look also tries the claim: one whose holder stopped renewing (killed) has expired, and is taken.
    for (;;) {
      if (await this.store.claims.claim(claimKey, this.owner, claimMs)) {
        const held = keepClaim(this.store.claims, claimKey, this.owner, claimMs);
        try {
          return (await stored()) ?? (await build());
        } finally {
          await held.stop();
          await this.store.claims.release(claimKey, this.owner);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, this.timing.pollMs ?? BUILD_POLL_MS));
      const found = await stored();
      if (found) return found;
    }
  }

  private async build(now: Date, emptyIsError = false): Promise<Built> {
    const date = utcDate(now);
    const progress = this.trackProgress(date);
    let collected;
    let extra: Post[] = [];
    let report: Report;
    try {
      collected = await this.source.collect(now, progress.tell);
      // A day with no post at all is an outage or a wrong setting, not news: storing it would serve an
      // empty report all day (and a past --now would keep it forever).
      if (collected.posts.length === 0) throw new EmptyReportError(date, collected.warnings);
      // The day's report is of the configured communities, as before views; the others' posts are for views.
      const configured = this.views.dayCommunities ? new Set(this.views.dayCommunities.map((c) => c.toLowerCase())) : undefined;
      if (configured) {
        extra = collected.posts.filter((p) => !configured.has(p.subreddit.toLowerCase()));
        if (extra.length > 0) collected = { ...collected, posts: collected.posts.filter((p) => configured.has(p.subreddit.toLowerCase())) };
      }
      report = buildReport(collected.posts, now, collected.warnings, collected.source);
      // Asked for a past day: posts, but none inside its windows (Reddit gives its latest posts, all newer
      // than that `now`). Storing that would serve an empty report as that day's.
      if (emptyIsError && hasNoPost(report)) throw new NoPostInWindowsError(date);
    } catch (error) {
      // The store failing is not Reddit failing: a fallback would need the same store.
      if (!this.fallbacks || error instanceof StoreError) throw error;
      if (emptyIsError && (error instanceof EmptyReportError || error instanceof NoPostInWindowsError)) throw error;
      return this.fallbacks.serve(now, error);
    } finally {
      await progress.done();
    }
    await this.store.snapshots.set(report.date, { date: report.date, takenAt: now.toISOString(), posts: collected.posts });
    if (extra.length > 0) await this.store.snapshots.set(extraSnapshotKey(report.date), { date: report.date, takenAt: now.toISOString(), posts: extra });
    for (const step of this.steps) report = await step(report, now);
    await this.store.reports.set(report.date, report);
    return { report };
  }

  /**
   * The build's progress, kept for `progress()` here and (in the store, expiring with the build's claim)
   * in other processes, and passed on to the readers waiting for it.
   */
  private trackProgress(date: string): { tell: (progress: CollectProgress) => void; done: () => Promise<void> } {
    const clock = this.timing.clock ?? Date.now;
    const startedAt = new Date(clock()).toISOString();
    let writes: Promise<unknown> = Promise.resolve();
    return {
      tell: (progress) => {
        const record: BuildProgress = { ...progress, startedAt, updatedAt: new Date(clock()).toISOString() };
        this.progressByDate.set(date, record);
        // In order, and never failing the build: the progress is a courtesy to readers.
        writes = writes.then(() => this.store.builds.set(date, record, this.timing.claimMs ?? BUILD_CLAIM_MS)).catch(() => undefined);
        for (const listener of this.listeners.get(date) ?? []) listener(progress);
      },
      done: async () => {
        this.progressByDate.delete(date);
        await writes;
        await this.store.builds.delete(date).catch(() => undefined);
      },
    };
  }
}

export class EmptyReportError extends Error {
  override name = 'EmptyReportError';

  constructor(date: string, warnings: string[]) {
    super(`Reddit returned no posts for ${date}${warnings.length > 0 ? ` (${warnings.join('; ')})` : ''}; nothing was stored. Check REDDIT_SUBREDDITS and try again later`);
  }
}

export class NoPostInWindowsError extends Error {
  override name = 'NoPostInWindowsError';

  constructor(readonly date: string) {
    super(`none of the posts collected is from ${date} or the month before it (Reddit gives its latest posts: a past day's report is built on that day or never); nothing was stored`);
  }
}

/**
 * The day's warnings a view keeps: the collection's, except those naming a community outside the view; the
 * day's own analysis notes are not the view's (its analysis writes its own).
 */
function viewWarnings(warnings: readonly string[], view: ReportView): string[] {
  const communities = view.communities ? new Set(view.communities.map((c) => c.toLowerCase())) : undefined;
  return warnings.filter((warning) => {
    if (/analysis|automatic summary/i.test(warning)) return false;
    if (!communities) return true;
    return [...warning.matchAll(/\br\/(\w+)/g)].every((m) => communities.has(m[1]!.toLowerCase()));
  });
}

function hasNoPost(report: Report): boolean {
  const { today, week, month, communities } = report.sections;
  return today.length === 0 && week.length === 0 && month.length === 0 && communities.every((c) => c.posts.length === 0);
}

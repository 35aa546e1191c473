import { randomUUID } from 'node:crypto';
import type { Report } from '../models.js';
import { keepClaim } from '../store/held-claim.js';
import type { Store } from '../store/store.js';
import { buildReport } from './build.js';
import type { PostSource } from './source.js';
import { utcDate } from './windows.js';

// One report per UTC day, built once and stored; every later reader gets the stored one. Building also
// stores the day's snapshot of every collected post, which later days compare against.

export interface DailyReportOptions {
  now: Date;
  /** Build again even when the day's report is stored. */
  refresh?: boolean;
}

export interface DailyReport {
  report: Report;
  fromStore: boolean;
}

/** A step that adds to a freshly built report (the analysis), before it is stored. */
export type ReportStep = (report: Report, now: Date) => Promise<Report>;

/**
 * How long a build's claim lasts unless renewed. The builder renews it every third of this while it
 * works, so a build may take as long as Reddit and the model need, and a killed builder's claim passes to
 * a waiting process within this (it was a fixed 10 minutes: a restarted bot's /trends waited that long).
 */
const BUILD_CLAIM_MS = 30_000;
/** How often a process waiting for another's build looks for the stored report. */
const BUILD_POLL_MS = 500;

export class DailyReports {
  private building = new Map<string, Promise<Report>>();
  /** This process, as a claimant of report builds on the shared store. */
  private readonly owner = randomUUID();

  constructor(
    private readonly store: Store,
    private readonly source: PostSource,
    private readonly steps: ReportStep[] = [],
    private readonly timing: { claimMs?: number; pollMs?: number } = {},
  ) {}

  async get({ now, refresh = false }: DailyReportOptions): Promise<DailyReport> {
    const date = utcDate(now);
    if (!refresh) {
      const stored = await this.store.reports.get(date);
      if (stored) return { report: stored, fromStore: true };
    }
    // Two callers asking for the same day at once (a command and the morning post) share one build.
    let pending = this.building.get(date);
    if (!pending) {
      pending = (refresh ? this.build(now) : this.buildOnce(date, now)).finally(() => this.building.delete(date));
      this.building.set(date, pending);
    }
    return { report: await pending, fromStore: false };
  }

  /**
   * Builds the day's report unless another process on the same store is building it: then waits for
   * that one's stored report (or takes over once its claim runs out: it was killed and stopped renewing).
   * Every morning post of the day, in every process, shares one build.
   */
  private async buildOnce(date: string, now: Date): Promise<Report> {
    const claimMs = this.timing.claimMs ?? BUILD_CLAIM_MS;
    const key = `report-build:${date}`;
    // Each look also tries the claim: one whose holder stopped renewing (killed) has expired, and is taken.
    for (;;) {
      if (await this.store.claims.claim(key, this.owner, claimMs)) {
        const held = keepClaim(this.store.claims, key, this.owner, claimMs);
        try {
          // Built and stored by another process between our look and our claim.
          return (await this.store.reports.get(date)) ?? (await this.build(now));
        } finally {
          await held.stop();
          await this.store.claims.release(key, this.owner);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, this.timing.pollMs ?? BUILD_POLL_MS));
      const stored = await this.store.reports.get(date);
      if (stored) return stored;
    }
  }

  private async build(now: Date): Promise<Report> {
    const collected = await this.source.collect(now);
    // A day with no post at all is an outage or a wrong setting, not news: storing it would serve an
    // empty report all day (and a past --now would keep it forever).
    if (collected.posts.length === 0) throw new EmptyReportError(utcDate(now), collected.warnings);
    let report: Report = buildReport(collected.posts, now, collected.warnings, collected.source);
    await this.store.snapshots.set(report.date, { date: report.date, takenAt: now.toISOString(), posts: collected.posts });
    for (const step of this.steps) report = await step(report, now);
    await this.store.reports.set(report.date, report);
    return report;
  }
}

export class EmptyReportError extends Error {
  override name = 'EmptyReportError';

  constructor(date: string, warnings: string[]) {
    super(`Reddit returned no posts for ${date}${warnings.length > 0 ? ` (${warnings.join('; ')})` : ''}; nothing was stored. Check REDDIT_SUBREDDITS and try again later`);
  }
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import type { Post, ReportSource } from '../../src/models.js';
import { DailyReports } from '../../src/report/daily.js';
import { LiveSourceError } from '../../src/report/ladder.js';
import type { PostSource } from '../../src/report/source.js';
import { StoreError } from '../../src/store/errors.js';
import type { Store } from '../../src/store/store.js';
import { manualClock } from '../helpers/clock.js';
import { HOUR, makePost } from '../helpers/posts.js';
import { openTempStore } from '../helpers/store.js';

// DailyReports when every live rung fails: the newest stored live day (marked stale, with its own date),
// else the bundled sample (marked); kept for 30 minutes, then Reddit is asked again. A real SQLite store in
// the live scope, as the app opens it.

const TODAY = '2026-12-07';
const at = (date: string, time = '08:00') => new Date(`${date}T${time}:00Z`);
const feedsDown = new LiveSourceError(["Reddit's public feeds could not be reached (could not reach Reddit: connect ECONNREFUSED 127.0.0.1:9 (http://127.0.0.1:9/r/a+b/top/.rss?t=day&token=hunter2))"], new Error('cause'));

let store: Store;
beforeEach(async () => {
  store = await openTempStore('live');
});
afterEach(() => store.close());

/** A source that collects `posts` (made at its `now`) while `up`, else throws; counts its calls. */
function switchable(mode: 'api' | 'feeds' = 'feeds') {
  const state = { up: true, calls: 0, error: feedsDown as Error };
  const source: PostSource = {
    mode,
    collect: async (now) => {
      state.calls++;
      if (!state.up) throw state.error;
      const id = `p${now.toISOString().slice(5, 10).replace('-', '')}`;
      const createdAt = new Date(now.getTime() - HOUR).toISOString();
      // As each rung gives it: the feeds without numbers but with Reddit's places, the API with numbers.
      const post = mode === 'feeds' ? makePost({ id, createdAt, score: null, numComments: null, topRank: { day: 1, week: 1, month: 1 } }) : makePost({ id, createdAt });
      const posts: Post[] = [post];
      const source: ReportSource = { mode, requests: 3, elapsedMs: 1_000, numbersMissing: mode === 'feeds' };
      return { posts, warnings: [], source };
    },
  };
  return { source, state };
}

function reportsWith(source: PostSource, settings: { maxStaleDays?: number; sampleSteps?: [] | ReturnType<typeof createAnalysisStep>[] } = {}) {
  const told: Array<{ mode: string; line: string }> = [];
  const reports = new DailyReports(store, source, [], {}, { maxStaleDays: settings.maxStaleDays ?? 3, sampleSteps: settings.sampleSteps, onFallback: (f) => told.push(f) });
  return { reports, told };
}

describe('the live source fails: the newest stored live day, marked stale', () => {
  it('serves the day before yesterday with its own date and numbers flag, and a warning saying why and whose posts these are', async () => {
    const { source, state } = switchable('feeds');
    const { reports, told } = reportsWith(source);
    await reports.get({ now: at('2026-12-05') });
    state.up = false;

    const { report, fromStore, retryAt } = await reports.get({ now: at(TODAY) });
    expect(fromStore).toBe(false);
    expect(report.date).toBe('2026-12-05');
    expect(report.sections.today.map((p) => p.id)).toEqual(['p1205']);
    expect(report.source).toEqual({ mode: 'stale', staleFrom: { date: '2026-12-05', mode: 'feeds' }, numbersMissing: true });
    expect(report.warnings[0]).toMatch(/^Today's \(2026-12-07\) posts could not be collected: Reddit's public feeds could not be reached \(could not reach Reddit: connect ECONNREFUSED/);
    expect(report.warnings[0]).toMatch(/These are the posts of 2026-12-05, the newest day stored, not today's; Reddit is asked again after 08:30 UTC$/);
    // The token in the failing URL never reaches a reader.
    expect(report.warnings[0]).not.toMatch(/hunter2/);
    expect(retryAt).toBe('2026-12-07T08:30:00.000Z');
    expect(told).toEqual([{ mode: 'stale', line: report.warnings[0] }]);
    // The stored day itself is untouched, and nothing is stored as today's report.
    expect((await store.reports.get('2026-12-05'))?.source?.mode).toBe('feeds');
    expect(await store.reports.get(TODAY)).toBeUndefined();
  });

  it('an API day keeps its numbers: numbersMissing false, staleFrom mode api; a report stored before the ladder reads as API', async () => {
    const { source, state } = switchable('api');
    const { reports } = reportsWith(source);
    await reports.get({ now: at('2026-12-06') });
    state.up = false;
    expect((await reports.get({ now: at(TODAY) })).report.source).toEqual({ mode: 'stale', staleFrom: { date: '2026-12-06', mode: 'api' }, numbersMissing: false });

    const legacy = { ...(await store.reports.get('2026-12-06'))! };
    delete legacy.source;
    await store.reports.set('2026-12-06', legacy);
    expect((await reportsWith(source).reports.get({ now: at('2026-12-07', '23:00') })).report.source?.staleFrom).toEqual({ date: '2026-12-06', mode: 'api' });
  });

  it('is kept for 30 minutes (no collection meanwhile, in any process on the store); then Reddit is asked again and a live report replaces it', async () => {
    const { source, state } = switchable('feeds');
    const { reports, told } = reportsWith(source);
    await reports.get({ now: at('2026-12-06') });
    state.up = false;
    state.calls = 0;
    await reports.get({ now: at(TODAY) });
    const again = await reports.get({ now: at(TODAY, '08:29') });
    expect([again.fromStore, again.report.source?.mode, again.retryAt]).toEqual([true, 'stale', '2026-12-07T08:30:00.000Z']);
    // Another process on the same store: served the same stand-in, without a build.
    expect((await reportsWith(source).reports.get({ now: at(TODAY, '08:10') })).report.source?.mode).toBe('stale');
    expect(state.calls).toBe(1);
    expect(told).toHaveLength(1);

    state.up = true;
    const live = await reports.get({ now: at(TODAY, '08:31') });
    expect(state.calls).toBe(2);
    expect([live.fromStore, live.report.date, live.report.source?.mode, live.retryAt]).toEqual([false, TODAY, 'feeds', undefined]);
    expect((await reports.get({ now: at(TODAY, '08:32') })).report.source?.mode).toBe('feeds');
  });

  it('never serves a day older than REPORT_MAX_STALE_DAYS: 3 days back is served, 4 is not (the sample is)', async () => {
    const { source, state } = switchable('feeds');
    await reportsWith(source).reports.get({ now: at('2026-12-04') });
    state.up = false;
    expect((await reportsWith(source).reports.get({ now: at(TODAY) })).report.source?.staleFrom?.date).toBe('2026-12-04');
    expect((await reportsWith(source).reports.get({ now: at('2026-12-08') })).report.source?.mode).toBe('sample');
    expect((await reportsWith(source, { maxStaleDays: 0 }).reports.get({ now: at('2026-12-05') })).report.source?.mode).toBe('sample');
  });

  it('never serves a sample or stale stand-in as a stale day: only reports collected live count', async () => {
    const { source, state } = switchable('feeds');
    const { reports } = reportsWith(source);
    await reports.get({ now: at('2026-12-04') });
    state.up = false;
    // Yesterday got the sample, the day before a stale stand-in (as a store might hold them): both skipped.
    const stored = (await store.reports.get('2026-12-04'))!;
    await store.reports.set('2026-12-06', { ...stored, date: '2026-12-06', source: { mode: 'sample', numbersMissing: false } });
    await store.reports.set('2026-12-05', { ...stored, date: '2026-12-05', source: { mode: 'stale', staleFrom: { date: '2026-12-04', mode: 'feeds' }, numbersMissing: true } });
    expect((await reports.get({ now: at(TODAY) })).report.source?.staleFrom?.date).toBe('2026-12-04');
  });
});

describe('no stored live day: the bundled sample, marked', () => {
  it('serves the sample day (its own date, analysed once, stored for its threads) with a warning that says so and what to do', async () => {
    const { source, state } = switchable('feeds');
    state.up = false;
    const analysis = createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } });
    const { reports, told } = reportsWith(source, { sampleSteps: [analysis] });
    const { report, retryAt } = await reports.get({ now: at(TODAY) });
    expect(report.date).toBe('2026-02-11');
    expect(report.source).toEqual({ mode: 'sample', numbersMissing: false });
    expect(report.sections.today).toHaveLength(10);
    expect(report.analysis?.source).toBe('offline');
    expect(report.warnings[0]).toBe(
      `Reddit's public feeds could not be reached (could not reach Reddit: connect ECONNREFUSED 127.0.0.1:9 (http://127.0.0.1:9/r/a+b/top/.rss?t=day&token=[redacted])): showing the bundled sample day of 2026-02-11, not today's posts. Set REDDIT_SOURCE=sample to skip this, or see README "Reddit"`,
    );
    expect(retryAt).toBe('2026-12-07T08:30:00.000Z');
    expect(told).toEqual([{ mode: 'sample', line: report.warnings[0] }]);
    // Kept under its own date, marked, so its threads can be answered; not as today's.
    const kept = (await store.reports.get('2026-02-11'))!;
    expect(kept.source?.mode).toBe('sample');
    expect(kept.warnings).toEqual([expect.stringMatching(/^This is the bundled sample day of 2026-02-11, shown because Reddit's posts could not be collected: not news$/)]);
    expect(await store.snapshots.get('2026-02-11')).toBeDefined();
    expect(await store.reports.get(TODAY)).toBeUndefined();
  });

  it('on the sample\'s own date the kept sample is not that day\'s report: the live source is still asked', async () => {
    const { source, state } = switchable('feeds');
    state.up = false;
    const { reports } = reportsWith(source);
    expect((await reports.get({ now: at('2026-02-11') })).report.source?.mode).toBe('sample');
    state.up = true;
    const live = await reports.get({ now: at('2026-02-11', '08:45') });
    expect([live.report.source?.mode, live.report.sections.today[0]?.id]).toEqual(['feeds', 'p0211']);
  });

  it('an empty day (no posts at all) falls back too, saying so', async () => {
    const empty: PostSource = { mode: 'feeds', collect: async () => ({ posts: [], warnings: [], source: { mode: 'feeds', numbersMissing: true } }) };
    const { report } = await reportsWith(empty).reports.get({ now: at(TODAY) });
    expect(report.warnings[0]).toMatch(/^Reddit returned no posts for 2026-12-07; nothing was stored.*: showing the bundled sample day/);
  });
});

describe('what the fallbacks leave alone', () => {
  it('a failed --refresh keeps and serves the day\'s own report, stores no stand-in', async () => {
    const { source, state } = switchable('feeds');
    const { reports, told } = reportsWith(source);
    await reports.get({ now: at(TODAY) });
    state.up = false;
    const { report, retryAt } = await reports.get({ now: at(TODAY, '09:00'), refresh: true });
    expect([report.date, report.source?.mode, retryAt]).toEqual([TODAY, 'feeds', undefined]);
    expect(report.warnings[0]).toMatch(/^The 2026-12-07 report could not be built again \(Reddit's public feeds could not be reached.*\): this is the one built at 2026-12-07T08:00:00\.000Z$/);
    expect(await store.fallbacks.get(TODAY)).toBeUndefined();
    expect(told).toEqual([]);
  });

  it('the store failing is not Reddit failing: no fallback, the error', async () => {
    const broken: PostSource = { mode: 'api', collect: async () => Promise.reject(new StoreError('STORE_URL: reading failed')) };
    await expect(reportsWith(broken).reports.get({ now: at(TODAY) })).rejects.toBeInstanceOf(StoreError);
  });

  it('without fallbacks (the sample app, tests) a failure is the error, as before', async () => {
    const { source, state } = switchable('feeds');
    state.up = false;
    await expect(new DailyReports(store, source).get({ now: at(TODAY) })).rejects.toBe(feedsDown);
  });
});

describe('build progress', () => {
  it('is told to the readers waiting, readable by other processes on the store while the build runs, and gone after', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: PostSource = {
      mode: 'feeds',
      collect: async (now, onProgress) => {
        onProgress?.({ done: 2, planned: 7, rung: 'feeds' });
        onProgress?.({ done: 3, planned: 7, waitMs: 60_000, why: "Reddit's rate limit", rung: 'feeds' });
        await gate;
        return { posts: [makePost({ createdAt: new Date(now.getTime() - HOUR).toISOString() })], warnings: [], source: { mode: 'feeds', numbersMissing: true } };
      },
    };
    const clock = manualClock('2026-12-07T07:30:00Z');
    const reports = new DailyReports(store, slow, [], { clock: () => clock().getTime() });
    const seen: unknown[] = [];
    const pending = reports.get({ now: at(TODAY), onProgress: (p) => seen.push(p) });
    const other = new DailyReports(store, slow);
    await expect.poll(() => other.progress(TODAY)).toMatchObject({ done: 3, planned: 7, waitMs: 60_000, rung: 'feeds', startedAt: '2026-12-07T07:30:00.000Z' });
    expect(await reports.progress(TODAY)).toMatchObject({ done: 3, planned: 7 });
    release();
    await pending;
    expect(seen).toEqual([
      { done: 2, planned: 7, rung: 'feeds' },
      { done: 3, planned: 7, waitMs: 60_000, why: "Reddit's rate limit", rung: 'feeds' },
    ]);
    expect(await reports.progress(TODAY)).toBeUndefined();
    expect(await other.progress(TODAY)).toBeUndefined();
  });
});


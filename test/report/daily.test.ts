import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DailyReports, EmptyReportError } from '../../src/report/daily.js';
import type { Store } from '../../src/store/store.js';
import { openTempStore } from '../helpers/store.js';

let store: Store;
beforeEach(async () => {
  store = await openTempStore();
});
afterEach(() => store.close());

describe('DailyReports', () => {
  it('never stores a day with no posts at all: it fails with a clear message instead', async () => {
    const reports = new DailyReports(store, { mode: 'api', collect: async () => ({ posts: [], warnings: ['r/Rag skipped: not found (404)'], source: { mode: 'api' as const, numbersMissing: false } }) });
    const now = new Date('2026-02-11T08:00:00Z');
    await expect(reports.get({ now })).rejects.toBeInstanceOf(EmptyReportError);
    await expect(reports.get({ now })).rejects.toThrow(/no posts for 2026-02-11 \(r\/Rag skipped: not found \(404\)\); nothing was stored/);
    expect(await store.reports.get('2026-02-11')).toBeUndefined();
    expect(await store.snapshots.get('2026-02-11')).toBeUndefined();
  });
});

describe('DailyReports across processes', () => {
  /** Two processes' stores on one SQLite file, and a source that takes `ms` to collect, counting its calls. */
  async function twoProcesses(ms: number) {
    const { loadSample } = await import('../../src/sample/sample.js');
    const { openStore } = await import('../../src/store/store.js');
    const { tempSqliteUrl } = await import('../helpers/store.js');
    const url = tempSqliteUrl();
    const stores = [await openStore(url), await openStore(url)] as const;
    const counted = { collects: 0 };
    const slowSource = {
      mode: 'api' as const,
      collect: async () => {
        counted.collects++;
        await new Promise((resolve) => setTimeout(resolve, ms));
        return { posts: loadSample().posts, warnings: [], source: { mode: 'api' as const, numbersMissing: false } };
      },
    };
    return { stores, slowSource, counted, now: loadSample().now, close: () => Promise.all(stores.map((s) => s.close())) };
  }

  it('two processes on one store asking for the same day at once: one build, both get it', async () => {
    const { stores: [a, b], slowSource, counted, now, close } = await twoProcesses(300);
    try {
      const [first, second] = await Promise.all([new DailyReports(a, slowSource, [], { pollMs: 20 }).get({ now }), new DailyReports(b, slowSource, [], { pollMs: 20 }).get({ now })]);
      expect(counted.collects).toBe(1);
      expect(second.report.generatedAt).toBe(first.report.generatedAt);
    } finally {
      await close();
    }
  });

  it('a build longer than one claim (the feeds at Reddit\'s slowest pace) keeps its claim: the other process waits, Reddit is asked once', async () => {
    const { stores: [a, b], slowSource, counted, now, close } = await twoProcesses(1_200);
    try {
      const timing = { claimMs: 300, pollMs: 20 };
      const first = new DailyReports(a, slowSource, [], timing).get({ now });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await new DailyReports(b, slowSource, [], timing).get({ now });
      expect((await first).report.generatedAt).toBe(second.report.generatedAt);
      expect(counted.collects).toBe(1);
    } finally {
      await close();
    }
  });

  it('a builder killed mid-build (its claim runs out): another process takes over', async () => {
    const { loadSample } = await import('../../src/sample/sample.js');
    const now = loadSample().now;
    // A claim left by a process that died: held by nobody alive, expiring soon.
    await store.claims.claim('report-build:2026-02-11', 'dead-process', 150);
    const reports = new DailyReports(store, { mode: 'api', collect: async () => ({ posts: loadSample().posts, warnings: [], source: { mode: 'api' as const, numbersMissing: false } }) }, [], { pollMs: 20 });
    const { report } = await reports.get({ now });
    expect(report.date).toBe('2026-02-11');
  });
});

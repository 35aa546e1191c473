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
  /** Two processes' DailyReports on one SQLite file, over a source whose collection takes `collectMs`; counts collections. */
  async function twoProcesses(collectMs: number, timing: { claimMs?: number } = {}) {
    const { loadSample } = await import('../../src/sample/sample.js');
    const { openStore } = await import('../../src/store/store.js');
    const { tempSqliteUrl } = await import('../helpers/store.js');
    const url = tempSqliteUrl();
    const stores = [await openStore(url), await openStore(url)];
    const world = { collects: 0, now: loadSample().now };
    const slowSource = {
      mode: 'api' as const,
      collect: async () => {
        world.collects++;
        await new Promise((resolve) => setTimeout(resolve, collectMs));
        return { posts: loadSample().posts, warnings: [], source: { mode: 'api' as const, numbersMissing: false } };
      },
    };
    const [a, b] = stores.map((store) => new DailyReports(store, slowSource, [], { ...timing, pollMs: 20 }));
    return { a: a!, b: b!, world, close: () => Promise.all(stores.map((store) => store.close())) };
  }

  it('two processes on one store asking for the same day at once: one build, both get it', async () => {
    const { a, b, world, close } = await twoProcesses(300);
    try {
      const [first, second] = await Promise.all([a.get({ now: world.now }), b.get({ now: world.now })]);
      expect(world.collects).toBe(1);
      expect(second.report.generatedAt).toBe(first.report.generatedAt);
    } finally {
      await close();
    }
  });

  it('a build that outlives its claim keeps it (renewed), so a second process waits for it instead of building again', async () => {
    // Three claim lifetimes: Reddit or the model being slow.
    const { a, b, world, close } = await twoProcesses(1_800, { claimMs: 600 });
    try {
      const first = a.get({ now: world.now });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await b.get({ now: world.now });
      expect(world.collects).toBe(1);
      expect(second.report.generatedAt).toBe((await first).report.generatedAt);
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

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
    const reports = new DailyReports(store, { kind: 'reddit', collect: async () => ({ posts: [], warnings: ['r/Rag skipped: not found (404)'] }) });
    const now = new Date('2026-02-11T08:00:00Z');
    await expect(reports.get({ now })).rejects.toBeInstanceOf(EmptyReportError);
    await expect(reports.get({ now })).rejects.toThrow(/no posts for 2026-02-11 \(r\/Rag skipped: not found \(404\)\); nothing was stored/);
    expect(await store.reports.get('2026-02-11')).toBeUndefined();
    expect(await store.snapshots.get('2026-02-11')).toBeUndefined();
  });
});

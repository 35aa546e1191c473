import { afterEach, beforeEach } from 'vitest';
import type { Report } from '../../src/models.js';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { sampleReport, tempStore } from './helpers.js';

// The set-up most follow-up tests share, registered as vitest hooks. Kept out of helpers.ts, which the
// child-process script in fixtures/ imports and which must therefore not pull in vitest.

export interface FollowUpFixture {
  /** A fresh fake Anthropic for each test. */
  readonly fake: FakeAnthropic;
  /** A fresh SQLite store in a temp dir, already holding `report`. */
  readonly store: Store;
  /** The sample report. */
  readonly report: Report;
}

/** Registers beforeEach/afterEach for the calling test file; the fixture's fields are the current test's. */
export function useFollowUpFixture(): FollowUpFixture {
  let fake: FakeAnthropic;
  let store: Store;
  let report: Report;
  beforeEach(async () => {
    fake = await startFakeAnthropic();
    store = await tempStore();
    report = sampleReport();
    await store.reports.set(report.date, report);
  });
  afterEach(async () => {
    await fake.close();
    await store.close();
  });
  return {
    get fake() {
      return fake;
    },
    get store() {
      return store;
    },
    get report() {
      return report;
    },
  };
}

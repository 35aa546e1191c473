import { afterEach, beforeEach } from 'vitest';
import type { Report } from '../../src/models.js';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { sampleReport, tempStore } from './helpers.js';

// The set-up most follow-up tests share, registered as vitest hooks. Kept out of helpers.ts, which the
// child-process script in fixtures/ imports and which must therefore not pull in vitest.

export interface FollowUpFixture<Fake = FakeAnthropic> {
  /** A fresh fake model server for each test (the fake Anthropic unless another was asked for). */
  readonly fake: Fake;
  /** A fresh SQLite store in a temp dir, already holding `report`. */
  readonly store: Store;
  /** The sample report. */
  readonly report: Report;
}

/** What the fixture needs of a fake: it is started per test and closed after it. */
interface ClosableFake {
  close(): Promise<void>;
}

/**
 * Registers beforeEach/afterEach for the calling test file; the fixture's fields are the current test's.
 * `startFake` picks the fake model server (e.g. startFakeOpenAI); without it, the fake Anthropic.
 */
export function useFollowUpFixture(): FollowUpFixture;
export function useFollowUpFixture<Fake extends ClosableFake>(startFake: () => Promise<Fake>): FollowUpFixture<Fake>;
export function useFollowUpFixture(startFake: () => Promise<ClosableFake> = startFakeAnthropic): FollowUpFixture<ClosableFake> {
  let fake: ClosableFake;
  let store: Store;
  let report: Report;
  beforeEach(async () => {
    fake = await startFake();
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

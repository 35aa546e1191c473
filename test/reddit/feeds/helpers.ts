// Shared set-up for the public-feeds tests: a fake feeds server on 127.0.0.1 whose clock is the client's,
// a virtual clock that a recorded sleep moves forward (so minutes of pacing take no real time), and the
// feeds rung pointed at the fake.
import { createFeedsSource, type FeedSettings, type FeedsRung, type FeedsSourceOptions } from '../../../src/reddit/feeds/source.js';
import { startFakeFeeds, type FakeFeeds, type FakeFeedsOptions, type RecordedFeedRequest } from '../../fakes/reddit-feeds.js';
import type { RawPost } from '../../fakes/reddit.js';

export const NOW_S = 1_770_796_800; // 2026-02-11T08:00:00Z
export const NOW = new Date(NOW_S * 1000);
export const UA = 'node:ai-trends:0.0.0-test (by /u/tester)';

export const rawPost = (id: string, subreddit: string, score: number, ageSeconds = 3600, extra: Partial<RawPost> = {}): RawPost => ({
  id,
  title: `Post ${id}`,
  subreddit,
  score,
  num_comments: 5,
  created_utc: NOW_S - ageSeconds,
  author: 'someone',
  ...extra,
});

export type RungOptions = Partial<Omit<FeedsSourceOptions, 'settings'>> & { settings?: Partial<FeedSettings> };

export interface FeedsHarness {
  fake: FakeFeeds;
  rung: FeedsRung;
  /** Virtual time, ms; starts 10 s into a minute, as a real run would. */
  clock: { now: number };
  sleeps: number[];
  waits: { ms: number; why: string }[];
  /** Another rung on the same fake, clock and sleep. */
  makeRung(overrides?: RungOptions): FeedsRung;
}

const open: FakeFeeds[] = [];

export async function feedsHarness(fakeOptions: Partial<FakeFeedsOptions> = {}, rungOptions: RungOptions = {}): Promise<FeedsHarness> {
  const clock = { now: Date.UTC(2026, 1, 11, 8, 0, 10) };
  const fake = await startFakeFeeds({ posts: [], now: NOW_S, clock: () => clock.now, ...fakeOptions });
  open.push(fake);
  const h: FeedsHarness = {
    fake,
    clock,
    sleeps: [],
    waits: [],
    rung: undefined as unknown as FeedsRung,
    makeRung: (overrides = {}) => {
      const settings = { base: fake.base, maxRequests: 20, minIntervalMs: 6_000, ...rungOptions.settings, ...overrides.settings };
      return createFeedsSource({
        subreddits: ['LocalLLaMA', 'singularity'],
        userAgent: UA,
        timeoutMs: 2_000,
        maxResponseBytes: 1024 * 1024,
        clock: () => clock.now,
        sleep: async (ms) => {
          h.sleeps.push(ms);
          clock.now += ms;
        },
        onWait: (ms, why) => h.waits.push({ ms, why }),
        random: () => 0.5,
        backoff: { baseMs: 1_000, capMs: 8_000 },
        ...rungOptions,
        ...overrides,
        settings,
      });
    },
  };
  h.rung = h.makeRung();
  return h;
}

export async function closeFeeds(): Promise<void> {
  await Promise.all(open.splice(0).map((f) => f.close()));
}

/** Path and query of each request, as "path?t=day", for comparing plans. */
export const planOf = (requests: RecordedFeedRequest[]) =>
  requests.map((r) => `${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ''}`);

/** Gaps between successive arrivals at the fake, ms. */
export const gaps = (requests: ReadonlyArray<Pick<RecordedFeedRequest, 'at'>>) => requests.slice(1).map((r, i) => r.at - requests[i]!.at);

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, got a value');
}

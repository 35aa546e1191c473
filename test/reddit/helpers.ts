// Shared set-up for the Reddit client tests: a fake Reddit on 127.0.0.1, a client pointed at it, a clock
// the test moves by hand and a sleep that returns at once but records (and "spends") every wait.
import { RedditClient, type RedditClientOptions } from '../../src/reddit/client.js';
import { startFakeReddit, type FakeReddit, type FakeRedditOptions, type RawPost } from '../fakes/reddit.js';

export const NOW = 1_770_796_800; // 2026-02-11T08:00:00Z, epoch seconds
export const UA = 'node:ai-trends:0.0.0-test (by /u/tester)';

export const rawPost = (id: string, subreddit: string, extra: Partial<RawPost> = {}): RawPost => ({
  id,
  title: `Post ${id}`,
  subreddit,
  score: 10,
  num_comments: 0,
  created_utc: NOW - 3600,
  ...extra,
});

/** A client for `fake` with the test credentials; `overrides` sets the rest (by default: UA, a 2 s timeout, 3 retries). */
export function clientFor(fake: FakeReddit, overrides: Partial<RedditClientOptions> = {}): RedditClient {
  return new RedditClient({
    credentials: { clientId: 'test-id', clientSecret: 'test-secret' },
    userAgent: UA,
    authBase: fake.authBase,
    apiBase: fake.apiBase,
    timeoutMs: 2_000,
    maxRetries: 3,
    ...overrides,
  });
}

export interface Harness {
  fake: FakeReddit;
  client: RedditClient;
  /** Every wait the client asked for, in ms, in order. */
  sleeps: number[];
  /** Every onWait notice. */
  waits: { ms: number; why: string }[];
  /** The client's clock, epoch ms; a recorded sleep moves it forward by the slept time. */
  clock: { now: number; advance(ms: number): void };
  /** Runs inside every recorded sleep, after the clock moved (e.g. to roll the fake's rate-limit window). */
  onSleep?: (ms: number) => void;
  /** A second client on the same fake, clock and sleep, with other options. */
  makeClient(overrides?: Partial<RedditClientOptions>): RedditClient;
}

const open: FakeReddit[] = [];

export async function setup(
  fakeOptions: Partial<FakeRedditOptions> = {},
  clientOptions: Partial<RedditClientOptions> = {},
): Promise<Harness> {
  const fake = await startFakeReddit({ posts: [rawPost('a1', 'LocalLLaMA'), rawPost('b1', 'singularity')], now: NOW, ...fakeOptions });
  open.push(fake);
  const clock = {
    now: 1_800_000_000_000,
    advance(ms: number) {
      this.now += ms;
    },
  };
  const h: Harness = {
    fake,
    client: undefined as unknown as RedditClient,
    sleeps: [],
    waits: [],
    clock,
    makeClient(overrides = {}) {
      return clientFor(fake, {
        maxWaitMs: 120_000,
        backoff: { baseMs: 100, capMs: 1_000 },
        clock: () => clock.now,
        sleep: async (ms) => {
          h.sleeps.push(ms);
          clock.advance(ms);
          h.onSleep?.(ms);
        },
        random: () => 0.5,
        onWait: (ms, why) => h.waits.push({ ms, why }),
        ...clientOptions,
        ...overrides,
      });
    },
  };
  h.client = h.makeClient();
  return h;
}

/** Closes every fake started by `setup`; call from afterEach. */
export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((f) => f.close()));
}

/** Requests the fake received, without the token endpoint. */
export const apiRequests = (fake: FakeReddit) => fake.requests.filter((r) => r.path !== '/api/v1/access_token');
export const tokenRequests = (fake: FakeReddit) => fake.requests.filter((r) => r.path === '/api/v1/access_token');

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a value');
}

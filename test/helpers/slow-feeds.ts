import type { PostSource } from '../../src/report/source.js';
import { loadSample } from '../../src/sample/sample.js';

// A feeds build held open by the test: it tells its progress (3 of 7 requests done, a minute's wait for
// Reddit's rate limit) and returns the bundled sample's posts only when released. For what a user is told
// while today's report is being collected.

export interface SlowFeeds {
  source: PostSource;
  /** Resolves once the build has started and told its progress. */
  started: Promise<void>;
  release(): void;
}

export function slowFeeds(): SlowFeeds {
  let release!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const source: PostSource = {
    mode: 'feeds',
    collect: async (_now, onProgress) => {
      onProgress?.({ done: 3, planned: 7, waitMs: 60_000, why: "Reddit's rate limit", rung: 'feeds' });
      started();
      await gate;
      return { posts: loadSample().posts, warnings: [], source: { mode: 'feeds', requests: 7, elapsedMs: 240_000, numbersMissing: true } };
    },
  };
  return { source, started: startedPromise, release };
}

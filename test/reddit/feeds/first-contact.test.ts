import { afterEach, describe, expect, it } from 'vitest';
import { RedditError } from '../../../src/reddit/errors.js';
import { freePort } from '../../helpers/free-port.js';
import { startSilentServer, type SilentServer } from '../../helpers/silent-server.js';
import { closeFeeds, feedsHarness, NOW_S, rawPost } from './helpers.js';

// A feed server that has never answered is not retried: no network (connection refused) or one that
// swallows requests (timeout) ends the feeds at the first request, so the fallback comes in seconds. Once
// the server has answered, a dropped connection or a timeout is retried as before (a passing hiccup).

let silent: SilentServer | undefined;
afterEach(async () => {
  await silent?.close();
  silent = undefined;
  await closeFeeds();
});

const TOP = '/r/LocalLLaMA+singularity/top/.rss';
const rejection = (promise: Promise<unknown>) => promise.then(() => expect.fail('should have failed'), (error: unknown) => error as RedditError);

describe('the first contact with the feed server', () => {
  it('a refused connection fails at once: one attempt, no retry wait', async () => {
    const h = await feedsHarness({}, { settings: { base: `http://127.0.0.1:${await freePort()}` } });
    const error = await rejection(h.rung.client.get(TOP, { t: 'day' }));
    expect(error.kind).toBe('network');
    expect(h.rung.client.requestCount).toBe(1);
    expect(h.waits).toEqual([]);
  });

  it('a server that never answers fails after one timeout, not four', async () => {
    silent = await startSilentServer();
    const h = await feedsHarness({}, { settings: { base: `http://127.0.0.1:${silent.port}` }, timeoutMs: 300 });
    const error = await rejection(h.rung.client.get(TOP, { t: 'day' }));
    expect(error.kind).toBe('timeout');
    expect([h.rung.client.requestCount, silent.requests]).toEqual([1, 1]);
    expect(h.waits).toEqual([]);
  });

  it('once the server has answered, a timeout is retried after the pacing', async () => {
    const h = await feedsHarness({ posts: [rawPost('a1', 'LocalLLaMA', 10)], now: NOW_S }, { timeoutMs: 300 });
    await h.rung.client.get(TOP, { t: 'day' });
    h.fake.inject('/r/', { kind: 'delay', ms: 1_000 });
    await h.rung.client.get(TOP, { t: 'week' });
    expect(h.rung.client.requestCount).toBe(3);
    // One wait before the week feed (pacing), one before its retry.
    expect(h.waits).toHaveLength(2);
  });
});

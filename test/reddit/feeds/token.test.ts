// The private feed token (REDDIT_FEED_TOKEN, `?feed=…&user=…`) is sent with every request and shown
// nowhere: not in an error message or its `url`, a wait reason, a report warning, or a log line.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { RedditError } from '../../../src/reddit/errors.js';
import { closeFeeds, feedsHarness, NOW, rawPost, rejection } from './helpers.js';

afterEach(closeFeeds);

const SECRET = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const token = { feed: SECRET, user: 'tester' };
const posts = [rawPost('a1', 'LocalLLaMA', 10), rawPost('b1', 'singularity', 20)];

function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('debug', { destination: stream }), lines };
}

describe('feed token', () => {
  it('rides in the query as feed and user (and lifts the fake throttle)', async () => {
    const h = await feedsHarness({ posts, perMinute: 1, feedToken: token }, { settings: { token } });
    await h.rung.source.collect(NOW);
    expect(h.fake.requests).toHaveLength(3);
    expect(h.fake.requests.every((r) => r.query.feed === SECRET && r.query.user === 'tester')).toBe(true);
    expect(h.waits.every((w) => w.why.startsWith('pacing'))).toBe(true);
  });

  it('never appears in an error message, its url, a wait reason, a warning or a log line', async () => {
    const { log, lines } = memoryLog();
    const whys: string[] = [];
    const onWait = (ms: number, why: string) => {
      whys.push(why);
      log.info({ waitMs: ms }, `reddit feeds: waiting: ${why}`);
    };
    const h = await feedsHarness({ posts }, { settings: { token }, maxRetries: 1, onWait });
    const TOP = '/r/LocalLLaMA+singularity/top/.rss';
    const shown: string[] = [];
    const keep = (error: Error) => {
      shown.push(error.message, (error as RedditError).url ?? '', JSON.stringify(error), String(error.stack));
      log.warn({ err: error }, 'feeds failed');
      log.error(error);
    };

    // A 429 and a 500 (wait reasons quote the error), then each failure kind.
    h.fake.inject(`${TOP}?t=day`, { kind: 'status', status: 429, retryAfterSeconds: 30 });
    h.fake.inject(`${TOP}?t=week`, { kind: 'status', status: 500 }, 2);
    h.fake.inject(`${TOP}?t=month`, { kind: 'redirect', location: `https://www.reddit.com/login?feed=${SECRET}&user=tester` });
    const { warnings } = await h.rung.source.collect(NOW);
    expect(warnings).toHaveLength(2);
    shown.push(...warnings);
    for (const fault of [{ kind: 'huge', bytes: 4 * 1024 * 1024 }, { kind: 'status', status: 404 }] as const) {
      h.fake.inject('/r/', fault);
      h.clock.now += 60_000;
      keep(await rejection(h.rung.client.get(TOP, { t: 'day' })));
    }
    h.fake.inject('/r/LocalLLaMA/comments/', { kind: 'malformed' });
    h.clock.now += 60_000;
    keep(await rejection(h.rung.details.fetch({ id: 'a1', subreddit: 'LocalLLaMA' }, NOW)));
    h.clock.now += 60_000;
    keep(await rejection(h.rung.details.fetch({ id: 'zz', subreddit: 'LocalLLaMA' }, NOW)));
    keep(await rejection(h.rung.details.fetch({ id: 'a1', subreddit: 'LocalLLaMA' }, new Date(0))));
    h.fake.inject('/r/', { kind: 'blocked' });
    h.clock.now += 60_000;
    keep(await rejection(h.rung.client.get(TOP, { t: 'day' })));
    keep(await rejection(h.rung.source.collect(NOW)));

    shown.push(...whys, ...lines);
    expect(whys.some((why) => why.startsWith('retry 1/1 after') && why.includes('feed=[redacted]'))).toBe(true);
    expect(lines.length).toBeGreaterThan(10);
    expect(shown.join('\n')).toContain('feed=[redacted]');
    expect(shown.join('\n')).not.toContain(SECRET);
  });
});

import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { progressLine } from '../../src/cli/progress-line.js';
import { reportCommand } from '../../src/cli/report-command.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openApp } from '../../src/main.js';
import { DailyReports } from '../../src/report/daily.js';
import type { PostSource } from '../../src/report/source.js';
import { loadSample } from '../../src/sample/sample.js';
import { tempSqliteUrl } from '../helpers/store.js';

// `ai-trends report` collecting from the public feeds takes minutes: on a terminal one line on stderr says
// how far it has got (requests done/planned, the wait and why), rewritten in place and erased before the
// report's own lines; on a pipe nothing of it is written.

/** A stderr that records what is written, as a terminal (isTTY) or a pipe. */
function stream(tty: boolean): Writable & { isTTY?: boolean; columns?: number; text(): string } {
  let written = '';
  const out = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number; text(): string };
  if (tty) Object.assign(out, { isTTY: true, columns: 160 });
  out.text = () => written;
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the progress line', () => {
  it('on a terminal: one line rewritten in place, the wait counting down each second, erased at the end', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T07:30:00Z') });
    const err = stream(true);
    const line = progressLine(err, Date.now);
    line.update({ done: 1, planned: 7, rung: 'feeds' });
    vi.advanceTimersByTime(6_000);
    line.update({ done: 3, planned: 7, waitMs: 60_000, why: "Reddit's rate limit", rung: 'feeds' });
    vi.advanceTimersByTime(2_000);
    line.clear();
    const frames = err.text().split('\r\x1b[2K').filter(Boolean);
    expect(frames).toEqual([
      "Collecting today's posts from Reddit's public feeds: 1/7 requests",
      "Collecting today's posts from Reddit's public feeds: 3/7 requests, waiting 60 s: Reddit's rate limit, about 1 min left",
      "Collecting today's posts from Reddit's public feeds: 3/7 requests, waiting 59 s: Reddit's rate limit, about 1 min left",
      "Collecting today's posts from Reddit's public feeds: 3/7 requests, waiting 58 s: Reddit's rate limit, about 1 min left",
    ]);
    expect(err.text().endsWith('\r\x1b[2K')).toBe(true);
    expect(err.text()).not.toMatch(/\n/);
    // Stopped: no more frames once cleared.
    vi.advanceTimersByTime(5_000);
    expect(err.text().split('\r\x1b[2K').filter(Boolean)).toHaveLength(4);
  });

  it('on a pipe: nothing at all', () => {
    const err = stream(false);
    const line = progressLine(err);
    line.update({ done: 3, planned: 7, waitMs: 60_000, why: 'pacing', rung: 'feeds' });
    line.clear();
    expect(err.text()).toBe('');
  });
});

describe('ai-trends report with a collection that takes a while', () => {
  const progressing: PostSource = {
    mode: 'feeds',
    collect: async (_now, onProgress) => {
      for (let done = 1; done <= 3; done++) {
        onProgress?.({ done, planned: 3, rung: 'feeds' });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return { posts: loadSample().posts, warnings: [], source: { mode: 'feeds', requests: 3, elapsedMs: 30, numbersMissing: true } };
    },
  };

  async function run(tty: boolean) {
    const config = loadConfig({ STORE_URL: tempSqliteUrl('ai-trends-progress-'), REDDIT_SOURCE: 'feeds', REDDIT_FEED_BASE: 'http://127.0.0.1:9' }, '0.0.0-test');
    const log = createLogger('silent');
    const stdout = stream(false);
    const stderr = stream(tty);
    const context: CliContext = {
      stdin: process.stdin,
      stdout,
      stderr,
      clock: () => new Date('2026-02-11T09:00:00Z'),
      log,
      stopSignal: () => new Promise(() => undefined),
      // The app as the CLI opens it, its reports collected by the source above.
      openApp: async (options) => {
        const app = await openApp(config, { ...options, log });
        return { ...app, reports: new DailyReports(app.store, progressing) };
      },
    };
    expect(await reportCommand([], context)).toBe(0);
    return { stdout: stdout.text(), stderr: stderr.text() };
  }

  it('shows the requests on a terminal, then erases the line before its own lines', async () => {
    const { stdout, stderr } = await run(true);
    expect(stdout).toMatch(/^# Reddit AI Trend Report - 2026-02-11/);
    expect(stderr).toMatch(/^\r\x1b\[2KCollecting today's posts from Reddit's public feeds: 1\/3 requests\r\x1b\[2KCollecting today's posts from Reddit's public feeds: 2\/3 requests/);
    expect(stderr).toMatch(/\r\x1b\[2Kanalysis: /);
  });

  it('writes none of it to a pipe', async () => {
    const { stderr } = await run(false);
    expect(stderr).not.toMatch(/\x1b|\r|Collecting/);
    expect(stderr).toMatch(/^analysis: /);
  });
});

// A fake of Reddit's public Atom feeds for tests and the bench: one node:http server on 127.0.0.1 serving
// /r/a+b/top/.rss?t=…&limit=…, /r/X/new/.rss and /r/X/comments/ID/.rss (".xml" too) as Reddit writes
// them (reddit-atom.ts), from the same raw posts as the fake API (reddit.ts), so a test or the bench can
// compare the two sources on one day. Scores stay hidden: they only put the top feeds in order.
// It throttles like Reddit's logged-out feeds (a per-minute budget in the x-ratelimit-* headers, 429 with
// Retry-After past it), refuses a request without a User-Agent (403), can play a blocked network (403
// HTML page) and other faults, and records every request with its arrival time on its own clock.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BLOCK_PAGE, commentEntry, commentsInFeedOrder, feedXml, NO_USER_AGENT_PAGE, postEntry, TOO_MANY_REQUESTS_PAGE } from './reddit-atom.js';
import type { RawComment, RawPost } from './reddit.js';

export type FeedFault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: string } // 429 + Retry-After, 500, 503
  | { kind: 'blocked' } // 403 with Reddit's "blocked by network security" page
  | { kind: 'delay'; ms: number } // the whole answer only after ms
  | { kind: 'slow-body'; ms: number } // headers and half the body at once, the rest after ms
  | { kind: 'malformed' } // 200 with the feed cut off mid-entry
  | { kind: 'redirect'; location: string; status?: number } // 302 (default) elsewhere
  | { kind: 'huge'; bytes: number; contentLength?: boolean }; // 200 with a body of `bytes` bytes

export interface FakeFeedsOptions {
  posts: RawPost[];
  /** Comment trees by post id, served by /r/X/comments/ID/.rss. */
  comments?: Record<string, RawComment[]>;
  /** The day's end in epoch seconds: the end of the t=hour|day|… windows of `top`. */
  now: number;
  /** Requests a minute before 429 (default 600: no throttle to speak of). Windows end on the minute. */
  perMinute?: number;
  /** The fake's clock in ms (default Date.now): throttle windows and recorded arrival times. */
  clock?: () => number;
  /** A private feed token (`?feed=…&user=…`) whose requests are not throttled, as reported of Reddit. */
  feedToken?: { feed: string; user: string };
  /** Every request answers the 403 block page (an address Reddit refuses). */
  blocked?: boolean;
}

export interface RecordedFeedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** Arrival time on the fake's clock, ms. */
  at: number;
}

export interface FakeFeeds {
  base: string;
  requests: RecordedFeedRequest[];
  /** The next `times` (default 1) requests whose path and query start with `pathPrefix` get `fault`. */
  inject(pathPrefix: string, fault: FeedFault, times?: number): void;
  /** Sets what is left of the current minute's budget (the next answers say so in their headers). */
  setRemaining(remaining: number): void;
  close(): Promise<void>;
}

const WINDOWS: Record<string, number> = { hour: 3600, day: 86_400, week: 7 * 86_400, month: 30 * 86_400, year: 365 * 86_400 };
const ATOM = 'application/atom+xml; charset=UTF-8';
const HTML = 'text/html; charset=UTF-8';
/** User-Agents that say nothing: Reddit treats them as none. */
const ANONYMOUS_AGENTS = new Set(['', 'node', 'undici']);

/** Resolves when `res` can take more, or is gone; leaves no listener behind. */
export function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });
}

export async function startFakeFeeds(opts: FakeFeedsOptions): Promise<FakeFeeds> {
  const clock = opts.clock ?? Date.now;
  const perMinute = opts.perMinute ?? 600;
  const requests: RecordedFeedRequest[] = [];
  const faults: { prefix: string; fault: FeedFault; left: number }[] = [];

  // Fixed one-minute windows, as Reddit's headers count them: used, remaining, seconds to the reset.
  let windowEnd = 0;
  let used = 0;
  let cap = perMinute;
  const rollWindow = () => {
    if (clock() >= windowEnd) {
      windowEnd = (Math.floor(clock() / 60_000) + 1) * 60_000;
      used = 0;
      cap = perMinute;
    }
  };
  const resetSeconds = () => Math.max(1, Math.ceil((windowEnd - clock()) / 1000));
  const rateHeaders = (): Record<string, string> => ({
    'x-ratelimit-used': String(used),
    'x-ratelimit-remaining': Math.max(0, cap - used).toFixed(1),
    'x-ratelimit-reset': String(resetSeconds()),
  });

  let closed = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    ms <= 0 || closed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            sleepers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, ms);
          sleepers.add(done);
        });

  function send(res: ServerResponse, status: number, body: string, type: string, extra: Record<string, string> = {}): void {
    if (closed || res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': type, ...extra });
    res.end(body);
  }

  function takeFault(path: string): FeedFault | undefined {
    const i = faults.findIndex((f) => path.startsWith(f.prefix));
    const f = faults[i];
    if (!f) return undefined;
    if (--f.left <= 0) faults.splice(i, 1);
    return f.fault;
  }

  const inWindow = (t: string | undefined) => {
    const span = t === 'all' ? undefined : (WINDOWS[t ?? 'day'] ?? WINDOWS.day);
    return (p: RawPost) => p.created_utc <= opts.now && (span === undefined || p.created_utc > opts.now - span);
  };
  const byNewest = (a: RawPost, b: RawPost) => b.created_utc - a.created_utc || a.id.localeCompare(b.id);

  /** /r/a+b/{top|new}/.rss: Reddit drops names it does not know from a multireddit. */
  function listingFeed(names: string[], sort: string, query: Record<string, string>, self: string): string {
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    let posts = opts.posts.filter((p) => wanted.has(p.subreddit.toLowerCase()));
    if (sort === 'top') posts = posts.filter(inWindow(query.t)).sort((a, b) => b.score - a.score || byNewest(a, b));
    else posts = posts.sort(byNewest);
    const n = Number.parseInt(query.limit ?? '', 10);
    const limit = Number.isFinite(n) ? Math.min(100, Math.max(1, n)) : 25;
    const one = names.length === 1 ? opts.posts.find((p) => p.subreddit.toLowerCase() === wanted.values().next().value)?.subreddit : undefined;
    const title = sort === 'top' ? `top scoring links : ${names.join('+')}` : `newest submissions : ${names.join('+')}`;
    return feedXml({ self, title, subreddit: one, updated: opts.now }, posts.slice(0, limit).map(postEntry));
  }

  /** /r/X/comments/ID/.rss: the post first, then its comments, best first with replies after each. */
  function commentFeed(id: string, self: string): string | undefined {
    const post = opts.posts.find((p) => p.id === id);
    if (!post) return undefined;
    const comments = commentsInFeedOrder(opts.comments?.[id] ?? []);
    const entries = [postEntry(post), ...comments.map((c, i) => commentEntry(c, post, post.created_utc + 60 * (i + 1)))];
    return feedXml({ self, title: post.title, subreddit: post.subreddit, updated: opts.now }, entries);
  }

  function route(path: string, query: Record<string, string>, self: string): string | undefined {
    // /r/{names}/{sort}/.rss, /r/{names}/{sort}.rss, /r/X/comments/ID[/slug]/.rss; ".xml" is the same.
    const m = /^\/r\/([^/]+)(?:\/(top|new|hot))?\/?\.(?:rss|xml)$/.exec(path);
    if (m) return listingFeed(decodeURIComponent(m[1]!).split('+').filter(Boolean), m[2] ?? 'hot', query, self);
    const c = /^\/r\/[^/]+\/comments\/([a-z0-9]+)(?:\/[^/]+)?\/?\.(?:rss|xml)$/i.exec(path);
    if (c) return commentFeed(c[1]!, self);
    return undefined;
  }

  async function sendHuge(res: ServerResponse, bytes: number, withLength: boolean): Promise<void> {
    res.writeHead(200, { 'Content-Type': ATOM, ...(withLength ? { 'Content-Length': String(bytes) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < bytes && !res.destroyed && !closed; sent += chunk.length) {
      if (!res.write(chunk.subarray(0, Math.min(chunk.length, bytes - sent)))) await drainedOrClosed(res);
    }
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => {}); // a client that hung up mid-answer is not our failure
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers, at: clock() });
    for await (const _ of req); // drain

    if (ANONYMOUS_AGENTS.has((headers['user-agent'] ?? '').trim().toLowerCase())) return send(res, 403, NO_USER_AGENT_PAGE, HTML);
    if (opts.blocked) return send(res, 403, BLOCK_PAGE, HTML);
    const fault = takeFault(`${url.pathname}${url.search}`);
    if (fault?.kind === 'blocked') return send(res, 403, BLOCK_PAGE, HTML);
    if (fault?.kind === 'status') {
      const extra: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      return send(res, fault.status, fault.body ?? `<html><body><h1>${fault.status}</h1></body></html>`, HTML, extra);
    }
    if (fault?.kind === 'redirect') return send(res, fault.status ?? 302, '', HTML, { Location: fault.location });
    if (fault?.kind === 'huge') return sendHuge(res, fault.bytes, fault.contentLength === true);
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (closed) return;

    const tokened = opts.feedToken !== undefined && query.feed === opts.feedToken.feed && query.user === opts.feedToken.user;
    rollWindow();
    if (!tokened && used >= cap) return send(res, 429, TOO_MANY_REQUESTS_PAGE, HTML, { ...rateHeaders(), 'Retry-After': String(resetSeconds()) });
    if (!tokened) used++;

    const feed = req.method === 'GET' ? route(url.pathname, query, `${url.pathname}${url.search}`) : undefined;
    if (feed === undefined) return send(res, 404, '<html><body><h1>404 Not Found</h1></body></html>', HTML, rateHeaders());
    if (fault?.kind === 'malformed') return send(res, 200, feed.slice(0, Math.floor(feed.length * 0.6)), ATOM, rateHeaders());
    if (fault?.kind === 'slow-body') {
      res.writeHead(200, { 'Content-Type': ATOM, ...rateHeaders() });
      res.write(feed.slice(0, feed.length >> 1));
      await sleep(fault.ms);
      if (!res.destroyed) res.end(feed.slice(feed.length >> 1));
      return;
    }
    send(res, 200, feed, ATOM, rateHeaders());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, `<html><body>${String(err)}</body></html>`, HTML));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    inject(pathPrefix, fault, times = 1) {
      faults.push({ prefix: pathPrefix, fault, left: times });
    },
    setRemaining(remaining) {
      rollWindow();
      cap = used + Math.max(0, remaining);
    },
    close() {
      closed = true;
      for (const wake of [...sleepers]) wake();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// A fake Reddit OAuth Data API for tests and the bench: one plain node:http server on 127.0.0.1 that
// plays both www.reddit.com (the token endpoint) and oauth.reddit.com (listings, /about, /comments).
// It mimics only what our client relies on (see /work/shared/PLATFORM-FACTS.md, Reddit section),
// records every request, and can inject faults (status codes, delays, broken JSON, expired tokens).
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { drainedOrClosed } from './reddit-feeds.js';

export interface RawPost {
  id: string; title: string; subreddit: string; score: number; num_comments: number; created_utc: number;
  link_flair_text?: string | null; over_18?: boolean; stickied?: boolean; removed_by_category?: string | null;
  selftext?: string; author?: string; [k: string]: unknown;
}
export interface RawComment {
  id: string; author: string; body: string; score: number; stickied?: boolean; distinguished?: string | null;
  replies?: RawComment[];
}
export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: string } // e.g. 429 + Retry-After, 503
  | { kind: 'delay'; ms: number } // answer normally, but only after ms (to exceed client timeouts)
  | { kind: 'malformed' } // 200 with a truncated JSON body
  | { kind: 'expire-tokens' } // invalidate every issued token, then answer 401
  | { kind: 'redirect'; location: string; status?: number } // 302 (default) to another place
  | { kind: 'huge'; bytes: number; contentLength?: boolean }; // 200 with a body of `bytes` bytes, streamed
export type SubredditStatus = 'ok' | 'private' | 'banned' | 'notfound' | 'quarantined';
export interface FakeRedditOptions {
  posts: RawPost[];
  /** Comment trees by post id, served by /comments/{id}. */
  comments?: Record<string, RawComment[]>;
  /** The fake's clock in epoch seconds: the end of the t=hour|day|... windows of `top`. */
  now: number;
  clientId?: string; clientSecret?: string; // default 'test-id' / 'test-secret'
  tokenTtlSeconds?: number; // expires_in, default 3600 (real time)
  latencyMs?: number; // added to every response
  /** Statuses for /about and listings. Subreddits of posts are 'ok' unless listed; other names are notfound. */
  subreddits?: Record<string, { status: SubredditStatus; displayName?: string }>;
  rateLimit?: { limit: number; windowSeconds: number }; // default 100 per 600 s
}
export interface RecordedRequest {
  method: string; path: string; query: Record<string, string>; headers: Record<string, string | undefined>;
  /** Arrival time, Date.now() milliseconds. */
  at: number;
}
export interface FakeReddit {
  authBase: string; apiBase: string;
  requests: RecordedRequest[];
  readonly tokensIssued: number;
  inject(pathPrefix: string, fault: Fault, times?: number): void;
  setRateLimitRemaining(remaining: number, resetSeconds: number): void;
  close(): Promise<void>;
}

const TOKEN_PATH = '/api/v1/access_token';
// `top` windows, as Reddit's t= parameter (seconds). 'all' has no window.
const WINDOWS: Record<string, number> = { hour: 3600, day: 86_400, week: 7 * 86_400, month: 30 * 86_400, year: 365 * 86_400 };
const NOT_FOUND = { message: 'Not Found', error: 404 };

/** Reads the bundled sample day (src/sample/reddit-2026-02-11.json) as raw posts and its clock. */
export function loadSamplePosts(): { now: number; posts: RawPost[] } {
  const file = new URL('../../src/sample/reddit-2026-02-11.json', import.meta.url);
  const sample = JSON.parse(readFileSync(file, 'utf8')) as { now: string; children: { data: RawPost }[] };
  return { now: Date.parse(sample.now) / 1000, posts: sample.children.map((c) => c.data) };
}

/** Reddit HTML-escapes text fields unless the request carries raw_json=1. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function listing(children: unknown[], after: string | null = null) {
  return { kind: 'Listing', data: { after, before: null, dist: children.length, children } };
}

export async function startFakeReddit(opts: FakeRedditOptions): Promise<FakeReddit> {
  const clientId = opts.clientId ?? 'test-id';
  const clientSecret = opts.clientSecret ?? 'test-secret';
  const ttl = opts.tokenTtlSeconds ?? 3600;
  const rate = opts.rateLimit ?? { limit: 100, windowSeconds: 600 };
  const comments = opts.comments ?? {};

  const requests: RecordedRequest[] = [];
  const tokens = new Map<string, number>(); // access token -> expiry, Date.now() ms
  let tokensIssued = 0;
  const faults: { prefix: string; fault: Fault; left: number }[] = [];

  // Subreddit directory, keyed by lower-case name (Reddit names are case-insensitive).
  const subs = new Map<string, { status: SubredditStatus; displayName: string }>();
  for (const p of opts.posts) subs.set(p.subreddit.toLowerCase(), { status: 'ok', displayName: p.subreddit });
  for (const [name, s] of Object.entries(opts.subreddits ?? {})) {
    const known = subs.get(name.toLowerCase());
    subs.set(name.toLowerCase(), { status: s.status, displayName: s.displayName ?? known?.displayName ?? name });
  }

  // Rate-limit window (real time). Reddit reports Used, Remaining and Reset (seconds left) on every answer.
  let windowEnd = Date.now() + rate.windowSeconds * 1000;
  let used = 0;
  let cap = rate.limit; // used + remaining; setRateLimitRemaining lowers it until the window ends
  function rollWindow(): void {
    if (Date.now() >= windowEnd) {
      windowEnd = Date.now() + rate.windowSeconds * 1000;
      used = 0;
      cap = rate.limit;
    }
  }
  function rateHeaders(): Record<string, string> {
    rollWindow();
    return {
      'X-Ratelimit-Used': String(used),
      // Reddit sends Remaining as a float ("95.0"); Reset as whole seconds.
      'X-Ratelimit-Remaining': Math.max(0, cap - used).toFixed(1),
      'X-Ratelimit-Reset': String(Math.max(0, Math.ceil((windowEnd - Date.now()) / 1000))),
    };
  }

  // Sleeps end early on close() so that no handler outlives the server.
  let closed = false;
  const sleepers = new Set<() => void>();
  function sleep(ms: number): Promise<void> {
    if (ms <= 0 || closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); sleepers.delete(done); resolve(); };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  }

  function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
    if (closed || res.destroyed || res.writableEnded) return; // the client gave up, or we are closing
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...rateHeaders(), ...extra });
    res.end(text);
  }

  /** A body of `bytes` bytes in 64 kB chunks, stopping early if the client hangs up. */
  async function sendHuge(res: ServerResponse, bytes: number, withLength: boolean): Promise<void> {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', ...(withLength ? { 'Content-Length': String(bytes) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < bytes && !res.destroyed && !closed; sent += chunk.length) {
      // Not once('drain').once('close') on the spot: the close listener would stay on after each drain, and
      // 11 of them (a 20 MB body waits for room hundreds of times) set off MaxListenersExceededWarning.
      if (!res.write(chunk.subarray(0, Math.min(chunk.length, bytes - sent)))) await drainedOrClosed(res);
    }
    res.end();
  }

  function takeFault(path: string): Fault | undefined {
    const i = faults.findIndex((f) => path.startsWith(f.prefix));
    const f = faults[i];
    if (!f) return undefined;
    if (--f.left <= 0) faults.splice(i, 1);
    return f.fault;
  }

  /** The post as a listing child, with the fields Reddit always includes. */
  function postChild(p: RawPost, raw: boolean) {
    const permalink = `/r/${p.subreddit}/comments/${p.id}/${p.title.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 50)}/`;
    const data: Record<string, unknown> = {
      name: `t3_${p.id}`, subreddit_name_prefixed: `r/${p.subreddit}`, permalink, url: `https://www.reddit.com${permalink}`,
      link_flair_text: null, over_18: false, stickied: false, selftext: '', author: 'unknown', removed_by_category: null,
      ...p,
    };
    if (!raw) {
      for (const k of ['title', 'selftext', 'link_flair_text'] as const) {
        const v = data[k];
        if (typeof v === 'string') data[k] = escapeHtml(v);
      }
    }
    return { kind: 't3', data };
  }

  function commentChild(c: RawComment, postId: string, parent: string, depth: number, maxDepth: number, raw: boolean): unknown {
    const kids = c.replies ?? [];
    let replies: unknown = '';
    if (kids.length > 0 && depth + 1 < maxDepth) {
      replies = listing(kids.map((k) => commentChild(k, postId, `t1_${c.id}`, depth + 1, maxDepth, raw)));
    } else if (kids.length > 0) {
      // Past `depth`, Reddit leaves a "more" stub instead of the replies.
      replies = listing([more(kids.map((k) => k.id), `t1_${c.id}`, depth + 1)]);
    }
    return {
      kind: 't1',
      data: {
        id: c.id, name: `t1_${c.id}`, parent_id: parent, link_id: `t3_${postId}`, depth,
        author: c.author, body: raw ? c.body : escapeHtml(c.body), score: c.score,
        stickied: c.stickied ?? false, distinguished: c.distinguished ?? null, replies,
      },
    };
  }
  function more(ids: string[], parent: string, depth: number) {
    return { kind: 'more', data: { count: ids.length, name: 't1__', id: '_', parent_id: parent, depth, children: ids } };
  }

  /** GET /r/{a+b+c}/{top|new|hot}: a Listing over the union of the named subreddits. */
  function handleListing(res: ServerResponse, names: string[], sort: string, q: Record<string, string>): void {
    const found = names.map((n) => subs.get(n.toLowerCase()));
    // A single private/quarantined/banned subreddit answers like /about; in a multireddit, Reddit
    // silently drops names it cannot show. Nothing left to show → 404.
    const only = found.length === 1 ? found[0] : undefined;
    if (only && only.status !== 'ok' && only.status !== 'notfound') return handleAbout(res, names[0] ?? '');
    const wanted = new Set(names.map((n) => n.toLowerCase()).filter((n) => subs.get(n)?.status === 'ok'));
    if (wanted.size === 0) return send(res, 404, NOT_FOUND);

    let posts = opts.posts.filter((p) => wanted.has(p.subreddit.toLowerCase()));
    const byNewest = (a: RawPost, b: RawPost) => b.created_utc - a.created_utc || a.id.localeCompare(b.id);
    if (sort === 'top') {
      const t = q.t ?? 'day'; // Reddit's default window for top is a day
      const window = t === 'all' ? undefined : (WINDOWS[t] ?? WINDOWS.day);
      if (window !== undefined) posts = posts.filter((p) => p.created_utc > opts.now - window && p.created_utc <= opts.now);
      posts.sort((a, b) => b.score - a.score || byNewest(a, b));
    } else if (sort === 'new') {
      posts.sort(byNewest); // no window; includes posts "from the future" relative to `now`
    } else {
      // hot: a simple score-over-age decay; posts after `now` do not exist yet for hot.
      const hot = (p: RawPost) => p.score / Math.pow(Math.max(0, opts.now - p.created_utc) / 3600 + 2, 1.5);
      posts = posts.filter((p) => p.created_utc <= opts.now).sort((a, b) => hot(b) - hot(a) || byNewest(a, b));
    }

    const n = Number.parseInt(q.limit ?? '', 10);
    const limit = Number.isFinite(n) ? Math.min(100, Math.max(1, n)) : 25;
    let start = 0;
    if (q.after) {
      const i = posts.findIndex((p) => `t3_${p.id}` === q.after);
      start = i < 0 ? posts.length : i + 1; // an unknown cursor yields an empty page
    }
    const page = posts.slice(start, start + limit);
    const last = page[page.length - 1];
    const after = last && start + limit < posts.length ? `t3_${last.id}` : null;
    send(res, 200, listing(page.map((p) => postChild(p, q.raw_json === '1')), after));
  }

  /** GET /r/{name}/about, with Reddit's error bodies for private, quarantined and banned subreddits. */
  function handleAbout(res: ServerResponse, name: string): void {
    const s = subs.get(name.toLowerCase());
    switch (s?.status) {
      case 'ok':
        return send(res, 200, {
          kind: 't5',
          data: { display_name: s.displayName, display_name_prefixed: `r/${s.displayName}`, subreddit_type: 'public', over18: false },
        });
      case 'private':
        return send(res, 403, { reason: 'private', message: 'Forbidden', error: 403 });
      case 'quarantined':
        return send(res, 403, { reason: 'quarantined', quarantine_message: 'This community is quarantined.', message: 'Forbidden', error: 403 });
      case 'banned':
        return send(res, 404, { reason: 'banned', message: 'Not Found', error: 404 });
      default:
        return send(res, 404, NOT_FOUND);
    }
  }

  /** GET /comments/{id}: [listing of the post, listing of its comments (+ a "more" stub if truncated)]. */
  function handleComments(res: ServerResponse, id: string, q: Record<string, string>): void {
    const post = opts.posts.find((p) => p.id === id);
    if (!post) return send(res, 404, NOT_FOUND);
    const raw = q.raw_json === '1';
    const all = comments[id] ?? [];
    const limit = Number.parseInt(q.limit ?? '', 10);
    const depth = Number.parseInt(q.depth ?? '', 10);
    const shown = Number.isFinite(limit) && limit > 0 ? all.slice(0, limit) : all;
    const maxDepth = Number.isFinite(depth) && depth > 0 ? depth : 10;
    const children: unknown[] = shown.map((c) => commentChild(c, id, `t3_${id}`, 0, maxDepth, raw));
    const rest = all.slice(shown.length);
    if (rest.length > 0) children.push(more(rest.map((c) => c.id), `t3_${id}`, 0));
    send(res, 200, [listing([postChild(post, raw)]), listing(children)]);
  }

  /** POST /api/v1/access_token: app-only (client_credentials) tokens, HTTP Basic client auth. */
  function handleToken(req: IncomingMessage, res: ServerResponse, body: string): void {
    const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
    const expected = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    if (req.method !== 'POST' || scheme?.toLowerCase() !== 'basic' || encoded !== expected) {
      return send(res, 401, { message: 'Unauthorized', error: 401 });
    }
    // Reddit answers a bad grant with HTTP 200 and an "error" field, not an error status.
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
      return send(res, 200, { error: 'unsupported_grant_type' });
    }
    const token = `fake-${randomBytes(12).toString('hex')}`;
    tokens.set(token, Date.now() + ttl * 1000);
    tokensIssued++;
    send(res, 200, { access_token: token, token_type: 'bearer', expires_in: ttl, scope: '*' });
  }

  function validBearer(req: IncomingMessage): boolean {
    const m = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const expiry = m?.[1] === undefined ? undefined : tokens.get(m[1]);
    return expiry !== undefined && Date.now() < expiry;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => {}); // a client that hung up mid-answer is not our failure
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers, at: Date.now() });
    // Like Reddit, tolerate a trailing slash and a ".json" suffix when routing.
    const path = url.pathname.replace(/\/+$/, '').replace(/\.json$/, '') || '/';

    let body = '';
    for await (const chunk of req) body += String(chunk);
    await sleep(opts.latencyMs ?? 0);

    const fault = takeFault(url.pathname);
    if (fault?.kind === 'status') {
      const extra: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      return send(res, fault.status, fault.body ?? { message: STATUS_CODES[fault.status] ?? 'Error', error: fault.status }, extra);
    }
    if (fault?.kind === 'malformed') return send(res, 200, '{"kind":"Listing","data":{"chil');
    if (fault?.kind === 'redirect') return send(res, fault.status ?? 302, '', { Location: fault.location });
    if (fault?.kind === 'huge') return sendHuge(res, fault.bytes, fault.contentLength === true);
    if (fault?.kind === 'expire-tokens') {
      tokens.clear();
      return send(res, 401, { message: 'Unauthorized', error: 401 });
    }
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (closed) return;

    if (path === TOKEN_PATH) return handleToken(req, res, body); // not counted against the rate limit
    if (!validBearer(req)) return send(res, 401, { message: 'Unauthorized', error: 401 });

    rollWindow();
    if (used >= cap) return send(res, 429, { message: 'Too Many Requests', error: 429 });
    used++;

    const seg = path.split('/').slice(1).map(decodeURIComponent);
    if (req.method !== 'GET') return send(res, 404, NOT_FOUND);
    if (seg[0] === 'r' && seg[1] && seg[2] === 'about' && seg.length === 3) return handleAbout(res, seg[1]);
    if (seg[0] === 'r' && seg[1] && seg.length === 3 && ['top', 'new', 'hot', 'rising'].includes(seg[2] ?? '')) {
      return handleListing(res, seg[1].split('+').filter(Boolean), seg[2] ?? 'hot', query);
    }
    if (seg[0] === 'comments' && seg[1] && seg.length <= 3) return handleComments(res, seg[1], query);
    send(res, 404, NOT_FOUND);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { message: String(err), error: 500 }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authBase: base,
    apiBase: base,
    requests,
    get tokensIssued() { return tokensIssued; },
    inject(pathPrefix, fault, times = 1) {
      faults.push({ prefix: pathPrefix, fault, left: times });
    },
    setRateLimitRemaining(remaining, resetSeconds) {
      rollWindow();
      cap = used + Math.max(0, remaining);
      windowEnd = Date.now() + resetSeconds * 1000;
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

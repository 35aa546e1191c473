// A fake Arctic Shift (the keyless Reddit archive at arctic-shift.photon-reddit.com) for tests: one plain
// node:http server on 127.0.0.1 serving `GET /api/posts/ids?ids=a,b&fields=…` as the real API documents it
// (github.com/ArthurHeitmann/arctic_shift, api/README.md): `{ "data": [ … ] }` holding the posts it has
// among the ids asked, each cut to `fields` when given; at most 500 ids a call; a refused query answers
// `{ "error": "…" }`; X-RateLimit-Remaining/Reset on answers, 429 when over the limit. It records every
// request and can inject faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A post as the archive stores it (the real one holds Reddit's whole post JSON; tests need these). */
export interface ArchivedPost {
  id: string;
  score: number;
  num_comments: number;
  over_18: boolean;
  created_utc?: number;
  title?: string;
  subreddit?: string;
  [field: string]: unknown;
}

export type ArchiveFault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string } // 429 + X-RateLimit-Reset, 503…
  | { kind: 'delay'; ms: number } // answer normally, but only after ms (past the client's timeout)
  | { kind: 'malformed' } // 200 with a truncated JSON body
  | { kind: 'error'; message: string } // 200 with { "error": message }, as for "Query timed out"
  | { kind: 'redirect'; location: string; status?: number } // 302 (default) elsewhere
  | { kind: 'huge'; bytes: number; contentLength?: boolean }; // 200 with a body of `bytes` bytes, streamed

export interface ArchiveRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
}

export interface FakeArcticShift {
  /** ARCTIC_SHIFT_BASE for the client. */
  base: string;
  requests: ArchiveRequest[];
  /** The next `times` requests (to any path) answer with `fault`. */
  inject(fault: ArchiveFault, times?: number): void;
  close(): Promise<void>;
}

/** The API's documented limit of ids a call. */
export const MAX_IDS = 500;

export async function startFakeArcticShift(posts: ArchivedPost[]): Promise<FakeArcticShift> {
  const stored = new Map(posts.map((post) => [post.id, post]));
  const requests: ArchiveRequest[] = [];
  const faults: ArchiveFault[] = [];
  let closed = false;
  // Delayed answers end early on close(), so that no handler outlives the server.
  const sleepers = new Set<() => void>();

  const rateHeaders = { 'X-RateLimit-Remaining': '99', 'X-RateLimit-Reset': '60' };

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (closed || res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...rateHeaders, ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async function sendHuge(res: ServerResponse, bytes: number, withLength: boolean): Promise<void> {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...(withLength ? { 'Content-Length': String(bytes) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < bytes && !res.destroyed && !closed; sent += chunk.length) {
      if (!res.write(chunk.subarray(0, Math.min(chunk.length, bytes - sent)))) await drainedOrClosed(res);
    }
    res.end();
  }

  /** Waits for room to write again, or for the client to hang up; leaves no listener behind either way. */
  function drainedOrClosed(res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = () => (res.off('drain', done), res.off('close', done), resolve());
      res.once('drain', done).once('close', done);
    });
  }

  /** The posts asked for that the archive holds, cut to `fields` (the real API returns only those keys). */
  function lookup(res: ServerResponse, query: Record<string, string>): void {
    const ids = (query.ids ?? '').split(',').map((id) => id.trim().replace(/^t3_/, '')).filter(Boolean);
    if (ids.length === 0) return send(res, 400, { error: 'ids is required' });
    if (ids.length > MAX_IDS) return send(res, 400, { error: `Too many ids (max ${MAX_IDS})` });
    const fields = query.fields ? query.fields.split(',') : undefined;
    const found = ids.flatMap((id) => (stored.has(id) ? [stored.get(id)!] : []));
    const data = found.map((post) => (fields ? Object.fromEntries(fields.filter((f) => f in post).map((f) => [f, post[f]])) : post));
    send(res, 200, { data });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers: { 'user-agent': req.headers['user-agent'], accept: req.headers.accept } });
    const fault = faults.shift();
    if (fault?.kind === 'delay') {
      await new Promise<void>((resolve) => {
        const wake = () => (clearTimeout(timer), sleepers.delete(wake), resolve());
        const timer = setTimeout(wake, fault.ms);
        sleepers.add(wake);
      });
    } else if (fault?.kind === 'status') {
      return send(res, fault.status, fault.body ?? { error: `status ${fault.status}` }, fault.headers);
    } else if (fault?.kind === 'malformed') {
      return send(res, 200, '{"data": [{"id": "abc", "sco');
    } else if (fault?.kind === 'error') {
      return send(res, 200, { error: fault.message });
    } else if (fault?.kind === 'redirect') {
      return send(res, fault.status ?? 302, '', { Location: fault.location });
    } else if (fault?.kind === 'huge') {
      return sendHuge(res, fault.bytes, fault.contentLength ?? false);
    }
    if (req.method === 'GET' && url.pathname === '/api/posts/ids') return lookup(res, query);
    send(res, 404, { error: 'Not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    inject(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
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

// The fake's HTTP side: accepts any /api/vN prefix, decodes path segments (%40original), parses JSON and
// multipart (payload_json + files[n]) bodies, records every call, applies scripted failures (incl. 429s with
// the headers @discordjs/rest reads), an optional global rate limit, optional latency, bot-token auth, and
// routes to routes.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findRoute, NOT_FOUND } from './routes.js';
import type { ParsedRequest, RouteContext, RouteResult, UploadedFile } from './routes.js';
import { rollingLimit } from '../rolling.js';

export interface RecordedCall {
  method: string;
  /** Without /api/vN, segments decoded: '/webhooks/1/tok/messages/@original'. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON; for multipart the parsed payload_json plus `files`. */
  body: any;
  /** Response status the fake sent. */
  status: number;
  /** Whether the request carried the bot token (interaction callbacks/webhooks go without it). */
  auth: boolean;
  /** Arrival time, Date.now() milliseconds. */
  at: number;
}

export interface FailureMatch { method?: string; path: RegExp }
export interface FailureReply {
  status: number;
  /** JSON body; defaults to Discord's body for the status (403 → 50013 Missing Permissions, 429 → retry_after…). */
  body?: object;
  /** 429: seconds (float), sent as `retry_after`, `Retry-After` and `X-RateLimit-Reset-After`. Default 0.05. */
  retryAfter?: number;
  /** 429: a global rate limit (`X-RateLimit-Global`, scope global). */
  global?: boolean;
  /** Delay before answering (ms), e.g. to exceed the client's rest.timeout. */
  delayMs?: number;
}
interface PendingFailure { match: FailureMatch; reply: FailureReply; remaining: number }

export interface RestServerOptions {
  latencyMs?: number;
  /** Discord's global limit: at most `perSecond` bot-token requests in any rolling second, the rest 429. */
  globalRateLimit?: { perSecond: number };
}

const DEFAULT_ERROR_BODIES: Record<number, { code: number; message: string }> = {
  400: { code: 50035, message: 'Invalid Form Body' },
  401: { code: 0, message: '401: Unauthorized' },
  403: { code: 50013, message: 'Missing Permissions' },
  404: { code: 10003, message: 'Unknown Channel' },
  500: { code: 0, message: '500: Internal Server Error' },
  502: { code: 0, message: '502: Bad Gateway' },
  503: { code: 0, message: '503: Service Unavailable' },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bucketOf(method: string, path: string): string {
  const route = path.replace(/\d{15,21}/g, ':id').replace(/^\/(webhooks|interactions)\/:id\/[^/]+/, '/$1/:id/:token');
  let h = 0;
  for (const ch of `${method}:${route}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `fake${h.toString(16)}`;
}

async function readBody(req: IncomingMessage): Promise<{ body: any; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const ct = String(req.headers['content-type'] ?? '');
  if (ct.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': ct } }).formData();
    let body: any = {};
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = { ...body, ...JSON.parse(value) };
        else body[field] = value;
      } else {
        files.push({ field, name: value.name, contentType: value.type, size: value.size, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try { return { body: JSON.parse(text), files: [] }; } catch { return { body: text, files: [] }; }
}

/**
 * The 429 Discord sends past the global limit. @discordjs/rest reads only the headers: `Retry-After` (whole
 * seconds, as Discord sends it) sets its global reset, `X-RateLimit-Global` makes it hold back every route.
 */
function globalRateLimited(retryAfterMs: number): RouteResult {
  const seconds = Math.max(0.001, Math.round(retryAfterMs) / 1000);
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: seconds, global: true, code: 0 },
    headers: { 'retry-after': String(Math.ceil(seconds)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
  };
}

export class RestServer {
  readonly calls: RecordedCall[] = [];
  /** Arrival times (ms) of the bot-token requests the global limit let through, in order. */
  readonly acceptedAt: number[] = [];
  /** How many requests the global limit answered with 429. */
  rateLimited = 0;
  private readonly failures: PendingFailure[] = [];
  private readonly listeners = new Set<(call: RecordedCall) => void>();

  private readonly globalLimit: ReturnType<typeof rollingLimit>;

  constructor(private readonly ctx: () => RouteContext, private readonly opts: RestServerOptions) {
    this.globalLimit = rollingLimit(opts.globalRateLimit?.perSecond);
  }

  /**
   * Decides at arrival whether the global limit lets a request through: the limit counts bot-token requests
   * only (interaction callbacks and their webhooks go without the token and are exempt, as on Discord).
   * A rolling second is stricter than the client's own fixed window, so bursts at a window's edge 429 too.
   * Returns the ms until a slot frees when refused.
   */
  private admit(at: number, auth: boolean): number | undefined {
    if (!auth) return undefined;
    const waitMs = this.globalLimit.waitMs('global', at);
    if (waitMs > 0) {
      this.rateLimited += 1;
      return waitMs;
    }
    this.globalLimit.take('global', at);
    this.acceptedAt.push(at);
    return undefined;
  }

  failNext(match: FailureMatch, reply: FailureReply, times = 1) {
    this.failures.push({ match, reply, remaining: times });
  }

  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private takeFailure(method: string, path: string): FailureReply | undefined {
    const f = this.failures.find((x) => x.remaining > 0 && (!x.match.method || x.match.method.toUpperCase() === method) && x.match.path.test(path));
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.failures.splice(this.failures.indexOf(f), 1);
    return f.reply;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    let path = url.pathname.replace(/^\/api(\/v\d+)?(?=\/|$)/, '') || '/';
    path = path.split('/').map((s) => { try { return decodeURIComponent(s); } catch { return s; } }).join('/');
    const query = Object.fromEntries(url.searchParams);
    const ctx = this.ctx();
    const auth = req.headers.authorization === `Bot ${ctx.token}`;
    const refusedForMs = this.admit(at, auth);
    let parsed: { body: any; files: UploadedFile[] };
    try { parsed = await readBody(req); } catch { parsed = { body: undefined, files: [] }; }
    if (this.opts.latencyMs) await sleep(this.opts.latencyMs);

    let result: RouteResult;
    const headers: Record<string, string> = {};
    const bucket = bucketOf(method, path);
    // A refused request never reaches a route nor uses up a scripted failure.
    const failure = refusedForMs === undefined ? this.takeFailure(method, path) : undefined;
    if (refusedForMs !== undefined) {
      result = globalRateLimited(refusedForMs);
    } else if (failure) {
      if (failure.delayMs) await sleep(failure.delayMs);
      if (failure.status === 429) {
        const retryAfter = failure.retryAfter ?? 0.05;
        Object.assign(headers, {
          'retry-after': String(retryAfter), 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String((Date.now() / 1000 + retryAfter).toFixed(3)),
          'x-ratelimit-reset-after': String(retryAfter), 'x-ratelimit-bucket': bucket,
          'x-ratelimit-scope': failure.global ? 'global' : 'user',
          ...(failure.global ? { 'x-ratelimit-global': 'true' } : {}),
        });
        result = { status: 429, body: failure.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: Boolean(failure.global) } };
      } else {
        result = { status: failure.status, body: failure.body ?? DEFAULT_ERROR_BODIES[failure.status] ?? { code: 0, message: `${failure.status}: Error` } };
      }
    } else {
      const found = findRoute(method, path);
      if (!found) result = NOT_FOUND;
      else if (found.needsAuth && !auth) result = { status: 401, body: { code: 0, message: '401: Unauthorized' } };
      else {
        try {
          result = await found.handler(ctx, { method, path, query, body: parsed.body, files: parsed.files, auth: req.headers.authorization }, found.params);
        } catch (e) {
          result = { status: 500, body: { code: 0, message: `500: fake error: ${(e as Error).message}` } };
        }
      }
      Object.assign(headers, {
        'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '1.000',
        'x-ratelimit-reset': String((Date.now() / 1000 + 1).toFixed(3)), 'x-ratelimit-bucket': bucket,
      });
    }
    const body = parsed.files.length ? { ...(parsed.body ?? {}), files: parsed.files.map(({ name, contentType, size }) => ({ name, contentType, size })) } : parsed.body;
    const call: RecordedCall = { method, path, query, body, status: result.status, auth, at };
    this.calls.push(call);
    for (const l of [...this.listeners]) l(call);

    if (res.destroyed) return;
    // 204 goes without Content-Type: @discordjs/rest JSON-parses any application/json body, even an empty one.
    const empty = result.status === 204 || result.body === undefined;
    res.writeHead(result.status, { ...(empty ? {} : { 'content-type': 'application/json' }), ...headers, ...result.headers });
    res.end(empty ? undefined : JSON.stringify(result.body));
  }
}

// A fake Anthropic Messages API for tests: one plain node:http server on 127.0.0.1 (port 0) that the real
// `@anthropic-ai/sdk` talks to via `new Anthropic({ baseURL: fake.baseURL, apiKey: 'test-key' })`.
// It serves POST /v1/messages (JSON, or SSE when the body has `stream: true`) and
// POST /v1/messages/count_tokens. Replies are scripted per test (a queue, then an optional default).
// It mimics only what the SDK and our code rely on: the response and event shapes of SDK 1.12.0's
// `Message` / `MessageStream`, the error body `{type:'error', error:{type, message}}`, `retry-after`,
// and prompt-cache accounting (see /work/shared/PLATFORM-FACTS.md, Anthropic section). Token counts are
// an approximation (`estimateTokens`: ceil(chars / 4)), deterministic so tests can assert on them.
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { dripping, forever, pause as wait, sendRaw, sendRedirect } from './hostile-http.js';

export type ContentBlock =
  | { type: 'text'; text: string; citations?: unknown[] }
  | { type: 'tool_use'; id?: string; name: string; input: unknown };
export interface Usage {
  input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number;
}
export type ScriptedReply =
  | {
      kind: 'message'; content: ContentBlock[]; stopReason?: 'end_turn' | 'tool_use' | 'max_tokens';
      usage?: Partial<Usage>; // overrides the computed usage field by field
      chunkDelayMs?: number; // streaming only: pause between SSE events (a slow or stalled stream)
      streamErrorAfter?: number; // streaming only: after this many content deltas, send `event: error` (overloaded) and end
    }
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: unknown } // JSON error in Anthropic's shape unless body given
  | { kind: 'delay'; ms: number; then: ScriptedReply } // to exceed the client timeout
  | { kind: 'raw'; status: number; body: string; contentType?: string } // application/json unless given, e.g. truncated JSON, `null`, an HTML page
  | { kind: 'handler'; handle(request: RecordedMessageRequest): ScriptedReply } // compute the reply from the request
  // A hostile or broken server (hostile-http.ts): another reply a byte at a time; text deltas forever (a JSON
  // body that never closes when not streamed); a redirect to another address.
  | { kind: 'drip'; intervalMs: number; bytes?: number; then: ScriptedReply }
  | { kind: 'endless'; text?: string; intervalMs?: number }
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string };
export interface RecordedMessageRequest {
  /** '/v1/messages' or '/v1/messages/count_tokens' (both are recorded; only the former consumes replies). */
  path: string;
  headers: Record<string, string | undefined>;
  body: any;
  stream: boolean;
  /** The fake's token count of tools + system + messages. */
  inputTokens: number;
  /** Tokens up to and including the last block with `cache_control` (0 if none), before the minimum applies. */
  cacheableTokens: number;
  /** Arrival time, Date.now() milliseconds. */
  at: number;
}
export interface FakeAnthropic {
  baseURL: string;
  requests: RecordedMessageRequest[];
  enqueue(...replies: ScriptedReply[]): void;
  setDefault(reply: ScriptedReply | undefined): void;
  close(): Promise<void>;
}
export interface FakeAnthropicOptions {
  /** Smallest cacheable prefix that gets cached (the real minimum is 1024–4096 by model). Default 1024. */
  minCacheableTokens?: number;
}

/** The fake's token count: ceil(chars / 4) over UTF-16 code units. Deterministic. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

// ---- Token accounting --------------------------------------------------------------------------------

interface Segment { text: string; cacheControl?: { type?: string; ttl?: string } }
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** The countable text of one content block (the parts the model reads, not the JSON envelope). */
function blockText(b: any): string {
  if (typeof b === 'string') return b;
  if (!b || typeof b !== 'object') return '';
  switch (b.type) {
    case 'text': return String(b.text ?? '');
    case 'search_result': return [b.source, b.title, ...arr(b.content).map(blockText)].filter(Boolean).join('\n');
    case 'document': {
      const s = b.source ?? {};
      const body = s.type === 'content' ? (typeof s.content === 'string' ? s.content : arr(s.content).map(blockText).join('\n'))
        : s.type === 'text' || s.type === 'base64' ? String(s.data ?? '') : String(s.url ?? '');
      return [b.title, b.context, body].filter(Boolean).join('\n');
    }
    case 'tool_use': return `${b.name}\n${JSON.stringify(b.input ?? {})}`;
    case 'tool_result': return typeof b.content === 'string' ? b.content : arr(b.content).map(blockText).join('\n');
    case 'thinking': return String(b.thinking ?? '');
    default: { const { cache_control: _cc, ...rest } = b; return JSON.stringify(rest); } // images etc.: the JSON
  }
}

/** Request text in the order the API builds its prompt (and its cache prefix): tools, system, messages. */
function segments(body: any): Segment[] {
  const out: Segment[] = [];
  for (const t of arr(body?.tools)) {
    const { cache_control, ...rest } = t ?? {};
    const text = rest.input_schema ? [rest.name, rest.description, JSON.stringify(rest.input_schema)].filter(Boolean).join('\n') : JSON.stringify(rest);
    out.push({ text, cacheControl: cache_control });
  }
  if (typeof body?.system === 'string') out.push({ text: body.system });
  else for (const b of arr(body?.system)) out.push({ text: blockText(b), cacheControl: b?.cache_control });
  for (const m of arr(body?.messages)) {
    if (typeof m?.content === 'string') out.push({ text: m.content });
    else for (const b of arr(m?.content)) out.push({ text: blockText(b), cacheControl: b?.cache_control });
  }
  return out;
}

interface Breakpoint { tokens: number; hash: string; ttl?: string }
interface Measured { inputTokens: number; cacheableTokens: number; breakpoints: Breakpoint[] }

/** The fake's measurement of a request body (exported so tests can compute expectations without a server). */
export function measureRequest(body: unknown): Measured {
  const segs = segments(body);
  const texts = segs.map((s) => s.text);
  const model = String((body as any)?.model ?? '');
  const breakpoints: Breakpoint[] = [];
  segs.forEach((s, i) => {
    if (!s.cacheControl) return;
    const prefix = texts.slice(0, i + 1);
    // Caches are per model and need an identical prefix.
    const hash = createHash('sha256').update(model + '\0' + JSON.stringify(prefix)).digest('hex');
    breakpoints.push({ tokens: estimateTokens(prefix.join('\n')), hash, ttl: s.cacheControl.ttl });
  });
  return { inputTokens: estimateTokens(texts.join('\n')), cacheableTokens: breakpoints.at(-1)?.tokens ?? 0, breakpoints };
}

// ---- Responses -----------------------------------------------------------------------------------------

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 402: 'billing_error', 403: 'permission_error',
  404: 'not_found_error', 408: 'timeout_error', 413: 'request_too_large', 429: 'rate_limit_error',
  500: 'api_error', 504: 'timeout_error', 529: 'overloaded_error',
};
const ERROR_MESSAGES: Record<string, string> = {
  rate_limit_error: 'This request would exceed the rate limit for your organization. Please retry later.',
  overloaded_error: 'Overloaded', api_error: 'Internal server error',
};
const errorType = (status: number) => ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');

/** Splits into about three pieces by code point (never inside a surrogate pair). */
function chunks(text: string, parts = 3): string[] {
  const cps = Array.from(text);
  const size = Math.max(1, Math.ceil(cps.length / parts));
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(''));
  return out;
}

export async function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const minCacheable = opts.minCacheableTokens ?? 1024;
  const requests: RecordedMessageRequest[] = [];
  const queue: ScriptedReply[] = [];
  let fallback: ScriptedReply | undefined;
  const cached = new Set<string>(); // hashes of prefixes written to the "cache"
  let seq = 0;

  const requestIds = new WeakMap<ServerResponse, number>();
  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    if (res.destroyed || res.headersSent) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${requestIds.get(res)}`, ...headers });
    res.end(text);
  }
  function sendError(res: ServerResponse, status: number, message?: string, headers: Record<string, string> = {}) {
    const type = errorType(status);
    const msg = message ?? ERROR_MESSAGES[type] ?? `${status} ${STATUS_CODES[status] ?? ''}`.trim();
    sendJson(res, status, { type: 'error', error: { type, message: msg }, request_id: `req_fake_${requestIds.get(res)}` }, headers);
  }

  /** Usage as the API reports it. Multiple breakpoints: the longest prefix cached earlier is read, the rest up
   *  to the last breakpoint is written. Prefixes below the minimum are silently not cached. */
  function usageFor(m: Measured, content: ContentBlock[]) {
    const eligible = m.breakpoints.filter((b) => b.tokens >= minCacheable);
    const read = Math.max(0, ...eligible.filter((b) => cached.has(b.hash)).map((b) => b.tokens));
    const last = eligible.at(-1);
    const creation = last ? last.tokens - read : 0;
    for (const b of eligible) cached.add(b.hash);
    const output = estimateTokens(content.map((b) => (b.type === 'text' ? b.text : `${b.name}\n${JSON.stringify(b.input ?? {})}`)).join('\n'));
    return {
      input_tokens: m.inputTokens - read - creation, output_tokens: output,
      cache_creation_input_tokens: creation, cache_read_input_tokens: read, ttl: last?.ttl,
    };
  }

  async function sendMessage(res: ServerResponse, rec: RecordedMessageRequest, m: Measured, reply: Extract<ScriptedReply, { kind: 'message' }>) {
    const n = requestIds.get(res) ?? 0;
    const content = reply.content.map((b, i) =>
      b.type === 'text'
        ? { type: 'text' as const, text: b.text, citations: b.citations ?? null }
        : { type: 'tool_use' as const, id: b.id ?? `toolu_fake_${n}_${i}`, name: b.name, input: b.input ?? {}, caller: { type: 'direct' } });
    const { ttl, ...computed } = usageFor(m, reply.content);
    const u: Usage = { ...computed, ...reply.usage };
    const usage = {
      ...u, service_tier: 'standard',
      cache_creation: { ephemeral_5m_input_tokens: ttl === '1h' ? 0 : u.cache_creation_input_tokens, ephemeral_1h_input_tokens: ttl === '1h' ? u.cache_creation_input_tokens : 0 },
    };
    const stopReason = reply.stopReason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
    const message = {
      id: `msg_fake_${String(n).padStart(6, '0')}`, type: 'message', role: 'assistant', model: rec.body.model,
      content, stop_reason: stopReason, stop_sequence: null, stop_details: null, container: null, diagnostics: null, usage,
    };
    if (!rec.stream) return sendJson(res, 200, message);

    // SSE as the API streams it: message_start (empty content), ping, per block start/deltas/stop,
    // message_delta (stop_reason + final usage), message_stop. Each event is `event: <type>\ndata: <json>\n\n`.
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': `req_fake_${n}` });
    const events: { type: string; [k: string]: unknown }[] = [
      { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: Math.min(1, u.output_tokens) } } },
      { type: 'ping' },
    ];
    content.forEach((b, index) => {
      if (b.type === 'text') {
        events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: b.citations ? [] : null } });
        // The API sends a cited span's citations_delta before its text_delta.
        for (const citation of b.citations ?? []) events.push({ type: 'content_block_delta', index, delta: { type: 'citations_delta', citation } });
        for (const text of chunks(b.text)) events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
      } else {
        events.push({ type: 'content_block_start', index, content_block: { ...b, input: {} } });
        for (const partial_json of chunks(JSON.stringify(b.input))) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
      }
      events.push({ type: 'content_block_stop', index });
    });
    events.push(
      { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null, stop_details: null },
        usage: { input_tokens: u.input_tokens, output_tokens: u.output_tokens, cache_creation_input_tokens: u.cache_creation_input_tokens, cache_read_input_tokens: u.cache_read_input_tokens } },
      { type: 'message_stop' },
    );
    let deltas = 0;
    for (const [i, ev] of events.entries()) {
      // The first event goes at once (headers with it, as the API does); the pauses come between events,
      // so a long pause is a stream stalled midway, past the SDK's header timeout.
      if (i > 0 && reply.chunkDelayMs && !(await wait(reply.chunkDelayMs, res))) return;
      if (res.destroyed) return;
      if (ev.type === 'content_block_delta' && reply.streamErrorAfter !== undefined && deltas++ >= reply.streamErrorAfter) {
        // A mid-stream failure arrives as an SSE `error` event after a 200 (the SDK throws an APIError).
        res.end(`event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`);
        return;
      }
      res.write(`event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`);
    }
    res.end();
  }

  async function respond(res: ServerResponse, rec: RecordedMessageRequest, m: Measured, reply: ScriptedReply): Promise<void> {
    switch (reply.kind) {
      case 'handler': {
        let next: ScriptedReply;
        try { next = reply.handle(rec); } catch (e) {
          return sendError(res, 500, `fake anthropic: handler threw: ${(e as Error)?.message ?? e}`, { 'x-should-retry': 'false' });
        }
        return respond(res, rec, m, next);
      }
      case 'delay':
        if (await wait(reply.ms, res)) await respond(res, rec, m, reply.then);
        return;
      case 'status': {
        // Same HTTP error for streaming requests: the API fails before the stream starts.
        const headers: Record<string, string> = reply.retryAfterSeconds !== undefined ? { 'retry-after': String(reply.retryAfterSeconds) } : {};
        if (reply.body !== undefined) return sendJson(res, reply.status, reply.body, headers);
        return sendError(res, reply.status, undefined, headers);
      }
      case 'raw': return reply.contentType ? sendRaw(res, reply.status, reply.contentType, reply.body) : sendJson(res, reply.status, reply.body);
      case 'message': return sendMessage(res, rec, m, reply);
      case 'drip':
        dripping(res, reply.intervalMs, reply.bytes);
        return respond(res, rec, m, reply.then);
      case 'redirect': return sendRedirect(res, reply.status, reply.location);
      case 'endless': {
        const text = reply.text ?? 'spam ';
        const model = JSON.stringify(rec.body.model);
        if (!rec.stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          const head = `{"id":"msg_fake_endless","type":"message","role":"assistant","model":${model},"content":[{"type":"text","text":"`;
          return forever(res, head, () => JSON.stringify(text).slice(1, -1), reply.intervalMs ?? 5);
        }
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
        const event = (ev: { type: string; [key: string]: unknown }) => `event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`;
        const start = { type: 'message_start', message: { id: 'msg_fake_endless', type: 'message', role: 'assistant', model: rec.body.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: m.inputTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } };
        const head = event(start) + event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } });
        return forever(res, head, () => event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }), reply.intervalMs ?? 5);
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    requestIds.set(res, ++seq);
    const chunksIn: Buffer[] = [];
    for await (const c of req) chunksIn.push(c as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    if (req.method !== 'POST' || (path !== '/v1/messages' && path !== '/v1/messages/count_tokens')) {
      return sendError(res, 404, `fake anthropic: no route ${req.method} ${path}`);
    }
    let body: any;
    try { body = JSON.parse(Buffer.concat(chunksIn).toString('utf8')); } catch {
      return sendError(res, 400, 'There was an error parsing the body of your request as JSON.');
    }
    const m = measureRequest(body);
    const rec: RecordedMessageRequest = {
      path, headers, body, stream: body?.stream === true, inputTokens: m.inputTokens, cacheableTokens: m.cacheableTokens, at: Date.now(),
    };
    requests.push(rec);
    // The SDK 1.x sends `Authorization: Bearer <key>`; the API also accepts `x-api-key`.
    if (!headers['authorization'] && !headers['x-api-key']) return sendError(res, 401, 'x-api-key header is required');
    // Minimal validation like the API's (these fail before any reply is consumed).
    const missing = ['model', 'messages', ...(path === '/v1/messages' ? ['max_tokens'] : [])].find((f) => body?.[f] === undefined);
    if (missing) return sendError(res, 400, `${missing}: Field required`);
    if (!Array.isArray(body.messages)) return sendError(res, 400, 'messages: Input should be a valid list');
    if (path === '/v1/messages/count_tokens') return sendJson(res, 200, { input_tokens: m.inputTokens });

    const reply = queue.shift() ?? fallback;
    // Not retried (x-should-retry: false) so a missing script fails fast with this message.
    if (!reply) return sendError(res, 500, 'fake anthropic: no scripted reply', { 'x-should-retry': 'false' });
    await respond(res, rec, m, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendError(res, 500, `fake anthropic: ${(e as Error)?.message ?? e}`, { 'x-should-retry': 'false' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => { queue.push(...replies); },
    setDefault: (reply) => { fallback = reply; },
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections(); // the SDK's fetch keeps connections alive
    }),
  };
}

// ---- Presets -------------------------------------------------------------------------------------------

/**
 * What a hostile upstream or a prompt-injected model writes, in one string: pings of both platforms, a
 * Markdown link, bare URLs, bidi overrides, terminal escapes (retitle, clear screen), a C1 control and
 * an HTML entity.
 */
export const HOSTILE_TEXT =
  '@everyone <@&123456789012345678> <!channel> [click](http://evil.example) https://evil.example/x www.evil.example \u202eevil\u202c \u001b]0;pwned\u0007 \u001b[2J \u0085 &lt;b&gt;';

export interface HostileClaudeOptions {
  /** Ids of real posts of the report, cited next to invented ones (at least one). */
  postIds: string[];
  /** A real community of the report, for a focus written in hostile text. */
  subreddit: string;
}

/**
 * A model that fell for every injection (a reply for `setDefault`): the analysis cites real and invented
 * posts, names a community with a link and a ping, puts hostile text and outside links in every field
 * and wrong numbers in the prose; an answer to a follow-up question streams the same. Requests are told
 * apart by their data: the analyst's carry <reddit_data>, follow-ups a <question>.
 */
export function hostileClaude({ postIds, subreddit }: HostileClaudeOptions): ScriptedReply {
  const evil = HOSTILE_TEXT;
  const claim = (text: string) => ({ text, postIds });
  const analysis = {
    highlights: [
      {
        theme: evil,
        items: [
          { name: evil, summary: `${evil} It has 999999 points.`, whyItMatters: evil, postIds },
          { name: 'Invented', summary: 'A post nobody wrote.', whyItMatters: 'None.', postIds: ['fake123'] },
        ],
      },
      { theme: 'https://evil.example/theme', items: [{ name: 'http://evil.example/a', summary: '[](http://evil.example)', whyItMatters: '', postIds }] },
    ],
    weekly: { persistent: [claim(`${evil} persists with 123456 upvotes.`)], emerging: [claim(evil)], fading: [] },
    monthly: [claim(`${evil} see [this](https://evil.example/a)`)],
    deepDive: { title: evil, postId: postIds[0], body: [claim(`${evil} Read (more: www.evil.example/a) here.`)] },
    communityHighlights: {
      communities: [
        { subreddit: 'evil) [x](http://evil.example) @everyone', focus: [claim(evil)] },
        { subreddit, focus: [claim(evil)] },
      ],
      crossCutting: [claim(evil)],
      niche: [{ text: evil, postIds: ['fake456'] }],
    },
  };
  return {
    kind: 'handler',
    handle: (request) =>
      JSON.stringify(request.body.messages).includes('</reddit_data>')
        ? { kind: 'message', content: [{ type: 'text', text: JSON.stringify(analysis) }] }
        : { kind: 'message', content: [{ type: 'text', text: `${evil} The top post has 999999 points. ` }], chunkDelayMs: 1 },
  };
}

// A fake Slack Web API for tests: one node:http server on 127.0.0.1 that the real @slack/web-api client
// (inside Bolt) talks to with `clientOptions: { slackApiUrl: fake.apiUrl }`. It records every call with
// its arguments parsed back into objects (the client sends form-encoded fields, objects as JSON), keeps
// the messages of each channel (with their metadata, read back by conversations.history), answers
// `response_url` posts, fails on demand, rate-limits chat.postMessage like Slack when asked, and can
// delete a channel.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { rollingLimit } from '../rolling.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  at: number;
  /** Answered 429 by the fake's rate limits (FakeSlackOptions), not by failNext/onCall. */
  rateLimited?: true;
}

/** Slack's message metadata, as chat.postMessage takes it and conversations.history returns it. */
export interface SlackMessageMetadata {
  event_type: string;
  event_payload?: Record<string, unknown>;
}

export interface SlackStoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  /** Message metadata, returned by conversations.history with include_all_metadata. */
  metadata?: SlackMessageMetadata;
  edits: number;
}

/**
 * chat.postMessage's special rate limit: about one message a second per channel, and a cap per
 * workspace, each over any rolling second. Over either, HTTP 429 with Retry-After in whole seconds,
 * as Slack answers. Both off by default.
 */
export interface SlackRateLimits {
  perChannelPerSecond?: number;
  workspacePerSecond?: number;
}

/** A file uploaded through files.getUploadURLExternal → POST to its upload URL → files.completeUploadExternal. */
export interface SlackUploadedFile {
  id: string;
  filename: string;
  alt_text?: string;
  title?: string;
  /** The bytes posted to the upload URL. */
  data?: Buffer;
  /** Set by files.completeUploadExternal: where it was shared. */
  channel?: string;
  thread_ts?: string;
  completed: boolean;
}

/** Rate limits to enforce on chat.postMessage (none by default). */
export interface FakeSlackOptions {
  rateLimits?: SlackRateLimits;
}

/** An error answer, an HTTP failure, or (delayMs) the normal answer given late. */
export type SlackFailure = { error: string } | { status: number; retryAfter?: number } | { delayMs: number };

export interface FakeSlackUser {
  id: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
}

export interface FakeSlack {
  apiUrl: string;
  calls: SlackCall[];
  /** POSTs to response URLs, in order. */
  responses: Array<{ id: string; body: Record<string, unknown>; at: number }>;
  botUserId: string;
  botId: string;
  teamId: string;
  responseUrl(id: string): string;
  addUser(user: FakeSlackUser): void;
  /** Every message the channel got, oldest first (a removed channel keeps its list, for assertions). */
  messages(channel: string): SlackStoredMessage[];
  /** The channel is gone: every later call naming it answers channel_not_found. */
  removeChannel(channel: string): void;
  /** Files uploaded with the external upload flow (files.uploadV2), in order. */
  files: SlackUploadedFile[];
  /** chat.postMessage calls answered 429 by the rate limits. */
  readonly rateLimited: number;
  /** When each chat.postMessage that stored a message was answered (Date.now() ms, oldest first), for throughput. */
  readonly accepted: number[];
  failNext(method: string, failure: SlackFailure, times?: number): void;
  /** Decides each call's failure by a rule (after failNext's queue); undefined lets the call through. */
  onCall(rule: (call: SlackCall) => SlackFailure | undefined): void;
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** Socket Mode: sends an envelope to the connected app and resolves with its ack. */
  deliver(type: 'slash_commands' | 'events_api', payload: Record<string, unknown>, timeoutMs?: number): Promise<{ envelope_id: string; payload?: unknown }>;
  /** Socket Mode: sends `text` as one frame, as it is (a frame Slack never sends: a broken or hostile peer). */
  sendRaw(text: string): void;
  /** Resolves once a Socket Mode client is connected (after `hello`). */
  socketConnected(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // Objects and arrays arrive as JSON strings; booleans as "true"/"false".
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // a plain string that starts with a bracket
      }
    }
    args[key] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return args;
}

/** Metadata as sent: an object in JSON bodies, already decoded from form fields by parseArgs, or a JSON string. */
function metadataOf(value: unknown): SlackMessageMetadata | undefined {
  let decoded = value;
  if (typeof value === 'string') {
    try {
      decoded = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const meta = decoded as SlackMessageMetadata | null;
  return meta && typeof meta === 'object' && typeof meta.event_type === 'string' ? meta : undefined;
}

/**
 * Why Slack would refuse a data_visualization block (docs.slack.dev data-visualization-block): title
 * ≤ 50; line/bar/area with 1–6 uniquely named series (names ≤ 20), each with 1–20 points whose labels
 * are the axis categories (≤ 20 characters), axis labels ≤ 50. Undefined when it is valid.
 */
export function chartBlockProblem(block: any): string | undefined {
  if (typeof block?.title !== 'string' || block.title.length === 0 || block.title.length > 50) return 'title must be 1-50 characters';
  const chart = block.chart;
  if (!chart || !['line', 'bar', 'area', 'pie'].includes(chart.type)) return 'chart.type must be line, bar, area or pie';
  if (chart.type === 'pie') return Array.isArray(chart.segments) && chart.segments.length >= 1 && chart.segments.length <= 6 ? undefined : 'pie needs 1-6 segments';
  const categories = chart.axis_config?.categories;
  if (!Array.isArray(categories) || categories.length === 0 || categories.some((c: unknown) => typeof c !== 'string' || c.length > 20)) return 'axis_config.categories must be strings of at most 20 characters';
  for (const key of ['x_label', 'y_label']) if (chart.axis_config[key] !== undefined && (typeof chart.axis_config[key] !== 'string' || chart.axis_config[key].length > 50)) return `axis_config.${key} must be at most 50 characters`;
  if (!Array.isArray(chart.series) || chart.series.length < 1 || chart.series.length > 6) return 'series must hold 1-6 entries';
  const names = chart.series.map((s: any) => s?.name);
  if (names.some((n: unknown) => typeof n !== 'string' || n.length === 0 || n.length > 20) || new Set(names).size !== names.length) return 'series names must be unique, 1-20 characters';
  for (const series of chart.series) {
    if (!Array.isArray(series.data) || series.data.length < 1 || series.data.length > 20) return 'each series needs 1-20 data points';
    if (series.data.some((p: any, i: number) => p?.label !== categories[i] || typeof p?.value !== 'number' || !Number.isFinite(p.value))) return 'data point labels must match the categories, values must be numbers';
  }
  return undefined;
}

const truthy = (value: unknown) => value === true || value === 'true' || value === 1 || value === '1';

/** A message is top level unless it is a reply (a thread parent would carry its own ts as thread_ts). */
const isTopLevel = (m: SlackStoredMessage) => !m.thread_ts || m.thread_ts === m.ts;

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const responses: FakeSlack['responses'] = [];
  const channels = new Map<string, SlackStoredMessage[]>();
  const users = new Map<string, FakeSlackUser>();
  const failures: Array<{ method: string; failure: SlackFailure; times: number }> = [];
  const rules: Array<(call: SlackCall) => SlackFailure | undefined> = [];
  const waiters = new Set<() => void>();
  const removed = new Set<string>();
  const limits = options.rateLimits ?? {};
  const perChannel = rollingLimit(limits.perChannelPerSecond);
  const workspace = rollingLimit(limits.workspacePerSecond);
  const accepted: number[] = [];
  const files: SlackUploadedFile[] = [];
  let rateLimited = 0;
  let tsCounter = 0;
  const ids = { botUserId: 'UBOT00001', botId: 'BBOT00001', teamId: 'T0000TEAM' };
  const nextTs = () => `1770796800.${String(++tsCounter).padStart(6, '0')}`;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  /**
   * Slack's special tier for chat.postMessage: a per-channel and a workspace-wide rate. When refused,
   * returns the Retry-After: whole seconds as Slack sends them, the fewest that free a slot, at least 1.
   */
  function postMessageRetryAfter(channel: string, at: number): number | undefined {
    const waitMs = Math.max(perChannel.waitMs(channel, at), workspace.waitMs('', at));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    perChannel.take(channel, at);
    workspace.take('', at);
    return undefined;
  }

  /** conversations.history: the channel's top-level messages, newest first; metadata only when asked for. */
  function history(channel: string, args: Record<string, unknown>): Record<string, unknown> {
    const limit = Math.min(999, Math.max(1, Number(args.limit ?? 100) || 100));
    const withMetadata = truthy(args.include_all_metadata);
    const all = channels.get(channel) ?? [];
    const top = all.filter(isTopLevel).reverse();
    const messages = top.slice(0, limit).map((m) => {
      const replies = all.filter((r) => r.thread_ts === m.ts && r.ts !== m.ts).length;
      return {
        type: 'message', ts: m.ts, text: m.text ?? '', user: ids.botUserId, bot_id: ids.botId, team: ids.teamId,
        blocks: m.blocks ?? [],
        ...(replies ? { thread_ts: m.ts, reply_count: replies } : {}),
        ...(m.edits ? { edited: { user: ids.botUserId, ts: m.ts } } : {}),
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      };
    });
    return { ok: true, messages, has_more: top.length > limit, pin_count: 0, response_metadata: { next_cursor: '' } };
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    // assistant.threads.setStatus names its channel channel_id.
    const channel = String(args.channel ?? args.channel_id ?? '');
    if (removed.has(channel)) return { ok: false, error: 'channel_not_found' };
    const list = () => channels.get(channel) ?? (channels.set(channel, []), channels.get(channel)!);
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: ids.botUserId, bot_id: ids.botId, team_id: ids.teamId };
      case 'chat.postMessage': {
        const charts = Array.isArray(args.blocks) ? (args.blocks as any[]).filter((b) => b?.type === 'data_visualization') : [];
        if (charts.length > 2 || charts.some((b) => chartBlockProblem(b))) return { ok: false, error: 'invalid_blocks', errors: charts.map(chartBlockProblem).filter(Boolean) };
        const metadata = metadataOf(args.metadata);
        const message: SlackStoredMessage = { channel, ts: nextTs(), thread_ts: args.thread_ts as string | undefined, text: args.text as string, blocks: args.blocks as unknown[], ...(metadata ? { metadata } : {}), edits: 0 };
        list().push(message);
        accepted.push(Date.now());
        return { ok: true, channel, ts: message.ts, message: { ...message } };
      }
      case 'chat.update': {
        const message = list().find((m) => m.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        Object.assign(message, { text: args.text, blocks: args.blocks, edits: message.edits + 1 });
        // chat.update replaces the metadata only when it carries some.
        const metadata = metadataOf(args.metadata);
        if (metadata) message.metadata = metadata;
        return { ok: true, channel, ts: message.ts };
      }
      case 'chat.delete': {
        const before = list().length;
        channels.set(channel, list().filter((m) => m.ts !== args.ts));
        return before === list().length ? { ok: false, error: 'message_not_found' } : { ok: true, channel, ts: args.ts };
      }
      case 'chat.startStream': {
        const message: SlackStoredMessage = { channel, ts: nextTs(), thread_ts: args.thread_ts as string | undefined, text: '', edits: 0 };
        list().push(message);
        return { ok: true, channel, ts: message.ts };
      }
      case 'chat.appendStream': {
        const message = list().find((m) => m.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = (message.text ?? '') + String(args.markdown_text ?? '');
        return { ok: true, channel, ts: message.ts };
      }
      case 'chat.stopStream':
        return list().some((m) => m.ts === args.ts) ? { ok: true, channel, ts: args.ts } : { ok: false, error: 'message_not_found' };
      case 'assistant.threads.setStatus':
        return { ok: true };
      case 'files.getUploadURLExternal': {
        if (!args.filename || !Number(args.length)) return { ok: false, error: 'invalid_arguments' };
        const file: SlackUploadedFile = { id: `F${String(files.length + 1).padStart(8, '0')}`, filename: String(args.filename), ...(args.alt_text ? { alt_text: String(args.alt_text) } : {}), completed: false };
        files.push(file);
        return { ok: true, upload_url: `http://127.0.0.1:${portOf()}/upload/${file.id}`, file_id: file.id };
      }
      case 'files.completeUploadExternal': {
        const listed = (Array.isArray(args.files) ? args.files : []) as Array<{ id?: string; title?: string }>;
        const found = listed.map((f) => files.find((u) => u.id === f.id && u.data));
        if (found.length === 0 || found.some((f) => !f)) return { ok: false, error: 'file_not_found' };
        for (const [i, file] of found.entries()) Object.assign(file!, { completed: true, title: listed[i]!.title, channel: args.channel_id, thread_ts: args.thread_ts });
        if (args.channel_id) list().push({ channel: String(args.channel_id), ts: nextTs(), thread_ts: args.thread_ts as string | undefined, text: '', edits: 0 });
        return { ok: true, files: found.map((f) => ({ id: f!.id, title: f!.title, name: f!.filename })) };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'users.info': {
        const user = users.get(String(args.user)) ?? { id: String(args.user) };
        return { ok: true, user: { ...user, team_id: ids.teamId } };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${portOf()}/socket` };
      case 'conversations.info':
        return { ok: true, channel: { id: channel, is_member: true } };
      case 'conversations.history':
        return history(channel, args);
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The upload URL files.getUploadURLExternal gave: the file's bytes, as they are.
    const upload = /^\/upload\/([^/]+)$/.exec(url.pathname);
    if (upload) {
      const file = files.find((f) => f.id === upload[1]);
      if (!file) return send(res, 404, { ok: false, error: 'file_not_found' });
      // Raw bytes, or (as @slack/web-api sends them) a multipart form holding one file.
      const body = Buffer.concat(chunks);
      const type = String(req.headers['content-type'] ?? '');
      if (type.startsWith('multipart/form-data')) {
        const part = [...(await new Response(body, { headers: { 'content-type': type } }).formData()).values()].find((v) => typeof v !== 'string') as Blob | undefined;
        file.data = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
      } else file.data = body;
      waiters.forEach((wake) => wake());
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end(`OK - ${file.data.length}`);
    }
    const response = /^\/response\/([^/]+)$/.exec(url.pathname);
    if (response) {
      responses.push({ id: response[1]!, body: parseArgs(raw, req.headers['content-type']), at: Date.now() });
      waiters.forEach((wake) => wake());
      return send(res, 200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const call: SlackCall = { method, args: parseArgs(raw, req.headers['content-type']), token: req.headers.authorization?.replace(/^Bearer /, ''), at: Date.now() };
    // The rate limits come first (a removed channel answers channel_not_found at once): a refused call
    // reaches neither failNext/onCall nor the channel.
    const postTo = String(call.args.channel ?? '');
    const retryAfter = method === 'chat.postMessage' && !removed.has(postTo) ? postMessageRetryAfter(postTo, call.at) : undefined;
    if (retryAfter !== undefined) call.rateLimited = true;
    calls.push(call);
    waiters.forEach((wake) => wake());
    if (retryAfter !== undefined) {
      rateLimited++;
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(retryAfter) });
    }
    const failing = failures.find((f) => f.method === method && f.times > 0);
    if (failing) failing.times--;
    const failure = failing?.failure ?? rules.map((rule) => rule(call)).find((f) => f !== undefined);
    if (failure && 'delayMs' in failure) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
    else if (failure) {
      if ('error' in failure) return send(res, 200, { ok: false, error: failure.error });
      return send(res, failure.status, { ok: false, error: failure.status === 429 ? 'ratelimited' : 'fatal_error' }, failure.retryAfter !== undefined ? { 'Retry-After': String(failure.retryAfter) } : {});
    }
    return send(res, 200, answer(method, call.args));
  });
  // Socket Mode: the app connects over WebSocket to the URL apps.connections.open gave it.
  const sockets = new WebSocketServer({ server, path: '/socket' });
  let socket: WebSocket | undefined;
  const acks = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();
  let envelopes = 0;
  sockets.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id) acks.get(message.envelope_id)?.({ envelope_id: message.envelope_id, payload: message.payload });
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0000APP' } }));
    waiters.forEach((wake) => wake());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  function portOf() {
    return port;
  }

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    responses,
    ...ids,
    responseUrl: (id) => `http://127.0.0.1:${port}/response/${id}`,
    addUser: (user) => void users.set(user.id, user),
    messages: (channel) => channels.get(channel) ?? [],
    removeChannel: (channel) => void removed.add(channel),
    files,
    get rateLimited() {
      return rateLimited;
    },
    accepted,
    failNext: (method, failure, times = 1) => void failures.push({ method, failure, times }),
    onCall: (rule) => void rules.push(rule),
    waitFor(predicate, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake slack: no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    deliver(type, payload, timeoutMs = 5000) {
      if (!socket) return Promise.reject(new Error('fake slack: no Socket Mode client connected'));
      const envelope_id = `env-${++envelopes}`;
      const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake slack: envelope ${envelope_id} not acked within ${timeoutMs} ms`)), timeoutMs);
        acks.set(envelope_id, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });
      socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type === 'slash_commands', retry_attempt: 0, retry_reason: '' }));
      return acked;
    },
    sendRaw(text) {
      if (!socket) throw new Error('fake slack: no Socket Mode client connected');
      socket.send(text);
    },
    socketConnected(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!socket) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error('fake slack: no Socket Mode connection')), timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
      }),
  };
}

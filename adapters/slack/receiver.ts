import { parse as parseForm } from 'node:querystring';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultBodyLimit, HTTPModuleFunctions, HTTPReceiver, verifySlackRequest, type BufferedIncomingMessage, type Logger as BoltLogger } from '@slack/bolt';
import type { Route } from '../../src/health/http.js';
import type { Logger } from '../../src/log.js';

// Slack over HTTP: Bolt's own receiver, with a screen in front of /slack/events. Bolt 5.1 reads
// `body.ssl_check` before it looks at what the body is: a validly signed `null` (or a form whose
// payload is `null`) threw inside a promise nobody awaited, and that took the whole process down
// (Discord, the morning posts and /healthz with it). Bolt also accepts a timestamp from the future.
// So every request to the events path is read here first: signed, dated within five minutes either
// way, and a JSON object, or it is answered 401/400 here and Bolt never sees it. What passes is handed
// to Bolt unchanged (the body already read, which Bolt reuses), so it still verifies and routes as before.

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack's rule for old requests, applied to requests dated ahead too (a clock far ahead, or a replay kept for later). */
const MAX_SKEW_SECONDS = 5 * 60;

export interface ScreenedReceiverOptions {
  signingSecret: string;
  /** /healthz and /metrics beside /slack/events. */
  routes?: Route[];
  boltLogger: BoltLogger;
  log: Logger;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

interface Refusal {
  status: 400 | 401 | 413;
  why: string;
}

export function screenedReceiver({ signingSecret, routes = [], boltLogger, log, now = Date.now }: ScreenedReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: SLACK_EVENTS_PATH, customRoutes: routes, logger: boltLogger });
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    // Everything else (the health routes, a 404 for unknown paths) is Bolt's as before; its throw for an
    // unknown path is caught by the server it runs in.
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== SLACK_EVENTS_PATH) return bolt(req, res);
    screen(req, signingSecret, now())
      .then((refusal) => {
        if (!refusal) return bolt(req, res);
        log.warn({ status: refusal.status, retry: req.headers['x-slack-retry-num'] }, `slack: refused a request to ${SLACK_EVENTS_PATH}: ${refusal.why}`);
        answer(res, refusal.status);
        // The rest of an oversized body is not read: the connection is closed once the answer is out.
        if (refusal.status === 413) res.on('finish', () => req.destroy());
      })
      .catch((error: unknown) => {
        // The client went away mid-body (or Bolt threw at once): nothing ran.
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'slack: a request could not be read or handled');
        answer(res, 500);
      });
  };
  return receiver;
}

/** Why the request must not reach Bolt, or undefined when it may. */
async function screen(req: IncomingMessage, signingSecret: string, nowMs: number): Promise<Refusal | undefined> {
  const raw = await readBody(req, defaultBodyLimit);
  if (raw === undefined) return { status: 413, why: `a body larger than ${defaultBodyLimit} bytes` };
  // Bolt takes a body already read from here rather than reading the stream again.
  Object.assign(req, { rawBody: raw });
  const text = raw.toString();
  const form = req.headers['content-type'] === 'application/x-www-form-urlencoded';
  // Slack's SSL check is the one unsigned request; Bolt answers it and drops anything sent with it.
  if (form && parseForm(text).ssl_check === '1') return undefined;

  const timestamp = Number(header(req, 'x-slack-request-timestamp'));
  if (!Number.isInteger(timestamp)) return { status: 401, why: 'no request timestamp' };
  if (timestamp - Math.floor(nowMs / 1000) > MAX_SKEW_SECONDS) return { status: 401, why: 'dated more than 5 minutes ahead' };
  try {
    // Bolt's check: the signature (constant-time) and a timestamp no older than five minutes.
    verifySlackRequest({ signingSecret, body: text, headers: { 'x-slack-signature': header(req, 'x-slack-signature') ?? '', 'x-slack-request-timestamp': timestamp }, nowMilliseconds: nowMs });
  } catch (error) {
    return { status: 401, why: error instanceof Error ? error.message : String(error) };
  }

  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req as BufferedIncomingMessage);
  } catch {
    return { status: 400, why: 'a body that is not JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, why: `a body that is ${kindOf(body)}, not a JSON object` };
  return undefined;
}

/** The body, or undefined as soon as it grows past `limit` (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, status === 413 ? { Connection: 'close' } : {});
  res.end();
}

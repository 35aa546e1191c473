// What a hostile or broken model server does at the HTTP level, shared by the fake OpenAI-compatible
// server and the fake Anthropic API: a body dripped a few bytes at a time, a body that never ends, a 200
// that is not an API answer (null, an HTML page), a redirect to another host. Each helper writes to a
// node:http response and stops as soon as the client goes away (an abort or a timeout on its side).
import type { ServerResponse } from 'node:http';

/** An HTML page as a proxy or a model's web UI serves it at the wrong path. */
export const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>Open WebUI</title></head><body><div id="app">Loading…</div></body></html>\n';

/**
 * From now on, everything written to `res` goes out `bytes` at a time every `intervalMs` (headers at
 * once, as a slow server sends them): the reply is valid, only its body takes forever.
 */
export function dripping(res: ServerResponse, intervalMs: number, bytes = 1): void {
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as () => ServerResponse;
  let pending = Buffer.alloc(0);
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const pump = () => {
    if (timer) return;
    res.flushHeaders();
    timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (pending.length > 0) {
        write(pending.subarray(0, bytes));
        pending = pending.subarray(bytes);
      } else if (ended) {
        clearInterval(timer);
        end();
      }
    }, intervalMs);
  };
  const add = (chunk: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') pending = Buffer.concat([pending, Buffer.from(chunk as string)]);
  };
  res.write = ((chunk: unknown) => {
    add(chunk);
    pump();
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    add(chunk);
    ended = true;
    pump();
    return res;
  }) as ServerResponse['end'];
}

/**
 * Writes `head`, then `next(i)` every `intervalMs` (i = 0, 1, …) until the client goes away: an answer
 * that never ends. Returns when it does.
 */
export async function forever(res: ServerResponse, head: string, next: (i: number) => string, intervalMs: number): Promise<void> {
  res.write(head);
  for (let i = 0; !res.destroyed; i++) {
    if (!(await pause(intervalMs, res))) return;
    res.write(next(i));
  }
}

/** A 200 (or `status`) with any body and content type: `null`, an HTML page, plain text. */
export function sendRaw(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

/** A redirect elsewhere, as a misconfigured proxy or a hostile server sends it. */
export function sendRedirect(res: ServerResponse, status: 301 | 302 | 303 | 307 | 308, location: string): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { location, 'content-type': 'text/plain' });
  res.end(`Redirecting to ${location}`);
}

/** Resolves true after ms, or false as soon as the client goes away. */
export function pause(ms: number, res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

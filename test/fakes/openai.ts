// A fake OpenAI-compatible chat completions server for tests (what Ollama, llama.cpp's server, vLLM and
// LM Studio serve under /v1): one plain node:http server on 127.0.0.1 (port 0) that the real `openai`
// package talks to via `new OpenAI({ baseURL: fake.baseURL })`. It serves POST /v1/chat/completions
// (JSON, or SSE when the body has `stream: true`, with a usage chunk when `stream_options.include_usage`)
// and GET /v1/models. Replies are scripted per test (a queue, then an optional default), and the modes
// are the ways real local models and servers behave:
// - `json`: a model that honours `response_format: {type: 'json_schema'}`: it writes the value as bare
//   JSON, and the fake checks the value against the request's schema (a constrained decoder cannot write
//   anything else, so a value that does not fit is a broken test: 500 naming the path). Asked without a
//   schema, it writes the JSON with prose and a code fence around it, as chat models do.
// - `prose-json`: a model that ignores the schema and always writes prose around fenced JSON.
// - `message`: any text (garbage, `[7]` citations…), streamed in pieces, optionally stalling midway.
// - `status`: an HTTP error in OpenAI's shape (`{error: {message, type, param, code}}`), e.g. a 500.
// And the ways a hostile or broken server behaves (hostile-http.ts): `drip` sends another reply a byte at a
// time, `endless` an answer that never ends (content deltas, or empty ones, forever; a JSON body that
// never closes when not streamed), `raw` any 200 that is not a completion (`null`, an HTML page),
// `redirect` a 3xx to another address. Huge answers and brace bombs are `message`s with such content.
// Server options: `supportsJsonSchema: false` answers 400 to a json_schema response_format (older
// llama.cpp and LM Studio servers); `contextTokens` answers 400 when prompt + max_tokens exceed it, as
// vLLM does; `apiKey` requires that bearer token. Token counts are ceil(chars / 4), deterministic.
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dripping, forever, pause as wait, sendRaw, sendRedirect } from './hostile-http.js';

export type ScriptedReply =
  | {
      kind: 'message';
      content: string;
      finishReason?: 'stop' | 'length';
      /** Overrides the computed usage field by field. */
      usage?: Partial<{ prompt_tokens: number; completion_tokens: number; cached_tokens: number }>;
      /** Streaming only: pause between chunks. */
      chunkDelayMs?: number;
      /** Streaming only: characters per content chunk (default: about six chunks, cut after spaces). */
      chunkChars?: number;
      /** Streaming only: after this many content chunks, send nothing more and keep the connection open. */
      stallAfterChunks?: number;
    }
  | { kind: 'json'; value: unknown; chunkDelayMs?: number }
  | { kind: 'prose-json'; value: unknown }
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'delay'; ms: number; then: ScriptedReply }
  | { kind: 'handler'; handle(request: RecordedChatRequest): ScriptedReply }
  | { kind: 'drip'; intervalMs: number; bytes?: number; then: ScriptedReply }
  /** Streamed: a chunk with `content` (default "spam ") every `intervalMs` (default 5) until the client goes away. */
  | { kind: 'endless'; content?: string; intervalMs?: number }
  | { kind: 'raw'; status?: number; contentType: string; body: string }
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string };

export interface RecordedChatRequest {
  path: string;
  headers: Record<string, string | undefined>;
  body: any;
  stream: boolean;
  /** The fake's token count of the messages. */
  promptTokens: number;
  /** True when the request asked for `response_format: {type: 'json_schema'}`. */
  jsonSchema: boolean;
}

export interface FakeOpenAI {
  /** Ends in /v1, as OPENAI_BASE_URL does. */
  baseURL: string;
  requests: RecordedChatRequest[];
  enqueue(...replies: ScriptedReply[]): void;
  setDefault(reply: ScriptedReply | undefined): void;
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  /** Default true; false answers 400 to a json_schema response_format. */
  supportsJsonSchema?: boolean;
  /** When set, prompt + max_tokens over this is a 400 (context_length_exceeded). */
  contextTokens?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The model GET /v1/models lists (default: whatever each request names). */
  model?: string;
  /** How a server of another kind behaves (test/fakes/llama-server.ts): its own token count, routes and errors. */
  server?: ServerBehaviour;
}

/** The hooks a fake of one server kind (llama-server) fills in; every one is optional. */
export interface ServerBehaviour {
  /** The server's tokenizer: prompt and answer tokens are counted with it (default ceil(chars / 4)). */
  countTokens?(text: string): number;
  /** Routes beside /v1 (GET /props, POST /tokenize): true when the request was answered. */
  route?(method: string, path: string, body: any, send: (status: number, json: unknown) => void): boolean;
  /** An error to answer instead of a completion (a prompt over the context), or undefined to go on. */
  refuse?(request: RecordedChatRequest): { status: number; body: unknown } | undefined;
  /** How long the server reads the prompt before its first byte, in ms. */
  readPromptMs?(request: RecordedChatRequest): number;
  /**
   * An answer longer than max_tokens: cut with finish_reason 'length' (default), or what llama-server does
   * under a grammar: non-streamed a 500 "does not match the expected … format", streamed the cut text then
   * that error as the stream's last event.
   */
  cutUnderGrammar?: { message: string };
  /** Extra fields of the last chunk (or of the completion): llama-server's `timings`. */
  finalFields?(request: RecordedChatRequest, completionTokens: number): Record<string, unknown>;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function messageText(m: any): string {
  if (typeof m?.content === 'string') return m.content;
  return arr(m?.content).map((part) => (typeof part?.text === 'string' ? part.text : '')).join('\n');
}

function promptTokensOf(body: any, count: (text: string) => number = estimateTokens, withSchema = true): number {
  const schema = withSchema ? body?.response_format?.json_schema?.schema : undefined;
  return count(arr(body?.messages).map(messageText).join('\n') + (schema ? JSON.stringify(schema) : ''));
}

/** Why `value` does not fit `schema` (the subset structured outputs use), or undefined when it does. */
export function schemaMismatch(value: unknown, schema: any, path = '$'): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return `${path}: expected a string`;
      // A constrained decoder cannot write past these (llama.cpp's grammar counts characters).
      if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return `${path}: not one of the schema's enum`;
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return `${path}: does not match the schema's pattern`;
      if (typeof schema.maxLength === 'number' && Array.from(value).length > schema.maxLength) return `${path}: longer than maxLength ${schema.maxLength}`;
      return undefined;
    case 'number':
    case 'integer':
      return typeof value === 'number' ? undefined : `${path}: expected a number`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${path}: expected a boolean`;
    case 'array': {
      if (!Array.isArray(value)) return `${path}: expected an array`;
      if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return `${path}: more than maxItems ${schema.maxItems}`;
      for (const [i, item] of value.entries()) {
        const wrong = schemaMismatch(item, schema.items, `${path}[${i}]`);
        if (wrong) return wrong;
      }
      return undefined;
    }
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return `${path}: expected an object`;
      const record = value as Record<string, unknown>;
      for (const key of arr(schema.required)) if (!(key in record)) return `${path}.${key}: required`;
      for (const [key, child] of Object.entries(record)) {
        const property = schema.properties?.[key];
        if (!property) {
          if (schema.additionalProperties === false) return `${path}.${key}: not in the schema`;
          continue;
        }
        const wrong = schemaMismatch(child, property, `${path}.${key}`);
        if (wrong) return wrong;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** How a chat model wraps JSON when nothing constrains it. */
export function proseAround(value: unknown): string {
  return `Sure! Here is the analysis you asked for:\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n\nLet me know if you want more detail on any of these {topics}.`;
}

/** About six pieces, each ending after a space (or `size` characters each), never inside a surrogate pair. */
function pieces(text: string, size?: number): string[] {
  const cps = Array.from(text);
  const out: string[] = [];
  const step = size ?? Math.max(1, Math.ceil(cps.length / 6));
  let start = 0;
  while (start < cps.length) {
    let end = Math.min(cps.length, start + step);
    if (!size) while (end < cps.length && cps[end - 1] !== ' ') end++;
    out.push(cps.slice(start, end).join(''));
    start = end;
  }
  return out;
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedChatRequest[] = [];
  const queue: ScriptedReply[] = [];
  let fallback: ScriptedReply | undefined;
  let seq = 0;

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
  function sendError(res: ServerResponse, status: number, message?: string, extra: { code?: string; param?: string; headers?: Record<string, string> } = {}) {
    const type = status === 401 ? 'authentication_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
    sendJson(res, status, { error: { message: message ?? `${status} ${STATUS_CODES[status] ?? ''}`.trim(), type, param: extra.param ?? null, code: extra.code ?? null } }, extra.headers);
  }

  async function sendCompletion(res: ServerResponse, rec: RecordedChatRequest, reply: Extract<ScriptedReply, { kind: 'message' }>) {
    const id = `chatcmpl-fake${++seq}`;
    const created = Math.floor(Date.now() / 1000);
    const model = rec.body.model;
    const count = opts.server?.countTokens ?? estimateTokens;
    let content = reply.content;
    let cutByGrammar = false;
    let finishReason: string = reply.finishReason ?? 'stop';
    // A server of a kind (llama-server) writes no more than max_tokens: the answer is cut there.
    const allowance = rec.body.max_tokens;
    if (opts.server && typeof allowance === 'number' && count(content) > allowance) {
      let end = content.length;
      while (end > 0 && count(content.slice(0, end)) > allowance) end = Math.floor(end * 0.95);
      content = content.slice(0, end);
      finishReason = 'length';
      cutByGrammar = rec.jsonSchema && opts.server.cutUnderGrammar !== undefined;
      if (cutByGrammar && !rec.stream) return sendError(res, 500, opts.server.cutUnderGrammar!.message, { headers: { 'x-should-retry': 'true' } });
    }
    const completionTokens = reply.usage?.completion_tokens ?? count(content);
    const promptTokens = reply.usage?.prompt_tokens ?? rec.promptTokens;
    const cached = reply.usage?.cached_tokens ?? 0;
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      ...(cached ? { prompt_tokens_details: { cached_tokens: cached } } : {}),
    };
    const final = opts.server?.finalFields?.(rec, completionTokens) ?? {};
    if (!rec.stream) {
      return sendJson(res, 200, {
        id, object: 'chat.completion', created, model, system_fingerprint: null,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
        usage,
        ...final,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const chunk = (delta: object, finish: string | null) => ({
      id, object: 'chat.completion.chunk', created, model, system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
    const send = (data: unknown) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    send(chunk({ role: 'assistant', content: '' }, null));
    for (const [i, piece] of pieces(content, reply.chunkChars).entries()) {
      if (reply.stallAfterChunks !== undefined && i >= reply.stallAfterChunks) {
        // Stalled: the connection stays open with nothing more, until the client gives up.
        await wait(60_000, res);
        if (!res.destroyed) res.end();
        return;
      }
      if (reply.chunkDelayMs && !(await wait(reply.chunkDelayMs, res))) return;
      if (res.destroyed) return;
      send(chunk({ content: piece }, null));
    }
    if (cutByGrammar) {
      // llama-server: the cut JSON cannot be parsed into the promised format; the stream ends on an error.
      send({ error: { code: 500, message: opts.server!.cutUnderGrammar!.message, type: 'server_error' } });
      res.end();
      return;
    }
    send({ ...chunk({}, finishReason), ...final });
    if (rec.body.stream_options?.include_usage) send({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices: [], usage });
    send('[DONE]');
    res.end();
  }

  /** An answer that never ends: chunks forever when streamed, else a JSON body whose content never closes. */
  async function sendEndless(res: ServerResponse, rec: RecordedChatRequest, reply: Extract<ScriptedReply, { kind: 'endless' }>) {
    const content = reply.content ?? 'spam ';
    const id = `chatcmpl-fake${++seq}`;
    if (!rec.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const head = `{"id":"${id}","object":"chat.completion","created":0,"model":${JSON.stringify(rec.body.model)},"choices":[{"index":0,"message":{"role":"assistant","content":"`;
      return forever(res, head, () => JSON.stringify(content).slice(1, -1), reply.intervalMs ?? 5);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const chunk = (delta: object) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: rec.body.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] })}\n\n`;
    return forever(res, chunk({ role: 'assistant', content: '' }), () => chunk({ content }), reply.intervalMs ?? 5);
  }

  async function respond(res: ServerResponse, rec: RecordedChatRequest, reply: ScriptedReply): Promise<void> {
    switch (reply.kind) {
      case 'handler': {
        let next: ScriptedReply;
        try {
          next = reply.handle(rec);
        } catch (e) {
          return sendError(res, 500, `fake openai: handler threw: ${(e as Error)?.message ?? e}`, { headers: { 'x-should-retry': 'false' } });
        }
        return respond(res, rec, next);
      }
      case 'delay':
        if (await wait(reply.ms, res)) await respond(res, rec, reply.then);
        return;
      case 'status':
        return sendError(res, reply.status, reply.message);
      case 'json': {
        if (!rec.jsonSchema) return sendCompletion(res, rec, { kind: 'message', content: proseAround(reply.value) });
        const wrong = schemaMismatch(reply.value, rec.body.response_format.json_schema.schema);
        if (wrong) return sendError(res, 500, `fake openai: the scripted value does not match the request's json_schema (${wrong})`, { headers: { 'x-should-retry': 'false' } });
        return sendCompletion(res, rec, { kind: 'message', content: JSON.stringify(reply.value), chunkDelayMs: reply.chunkDelayMs });
      }
      case 'prose-json':
        return sendCompletion(res, rec, { kind: 'message', content: proseAround(reply.value) });
      case 'message':
        return sendCompletion(res, rec, reply);
      case 'drip':
        dripping(res, reply.intervalMs, reply.bytes);
        return respond(res, rec, reply.then);
      case 'endless':
        return sendEndless(res, rec, reply);
      case 'raw':
        return sendRaw(res, reply.status ?? 200, reply.contentType, reply.body);
      case 'redirect':
        return sendRedirect(res, reply.status, reply.location);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunksIn: Buffer[] = [];
    for await (const c of req) chunksIn.push(c as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    if (opts.apiKey && headers['authorization'] !== `Bearer ${opts.apiKey}`) return sendError(res, 401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
    let routed: any;
    try {
      routed = chunksIn.length ? JSON.parse(Buffer.concat(chunksIn).toString('utf8')) : undefined;
    } catch {
      routed = undefined;
    }
    if (opts.server?.route?.(req.method ?? 'GET', path, routed, (status, json) => sendJson(res, status, json))) return;
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: opts.model ? [{ id: opts.model, object: 'model', created: 0, owned_by: 'fake' }] : [] });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return sendError(res, 404, `fake openai: no route ${req.method} ${path}`);
    let body: any;
    try {
      body = JSON.parse(Buffer.concat(chunksIn).toString('utf8'));
    } catch {
      return sendError(res, 400, 'We could not parse the JSON body of your request.');
    }
    const rec: RecordedChatRequest = {
      path, headers, body, stream: body?.stream === true, promptTokens: promptTokensOf(body, opts.server?.countTokens, !opts.server), jsonSchema: body?.response_format?.type === 'json_schema',
    };
    requests.push(rec);
    const missing = ['model', 'messages'].find((f) => body?.[f] === undefined);
    if (missing) return sendError(res, 400, `Missing required parameter: '${missing}'.`, { param: missing });
    if (!Array.isArray(body.messages) || body.messages.length === 0) return sendError(res, 400, "'messages' must be a non-empty array", { param: 'messages' });
    if (rec.jsonSchema && opts.supportsJsonSchema === false) return sendError(res, 400, "response_format type 'json_schema' is not supported", { param: 'response_format' });
    if (opts.contextTokens !== undefined && rec.promptTokens + (body.max_tokens ?? 0) > opts.contextTokens) {
      return sendError(
        res,
        400,
        `This model's maximum context length is ${opts.contextTokens} tokens. However, you requested ${rec.promptTokens + (body.max_tokens ?? 0)} tokens (${rec.promptTokens} in the messages, ${body.max_tokens ?? 0} in the completion).`,
        { code: 'context_length_exceeded', param: 'messages' },
      );
    }
    const refused = opts.server?.refuse?.(rec);
    if (refused) return sendJson(res, refused.status, refused.body);
    const reading = opts.server?.readPromptMs?.(rec) ?? 0;
    // Nothing is sent while the prompt is read (llama-server sends its headers with the first token).
    if (reading > 0 && !(await wait(reading, res))) return;
    const reply = queue.shift() ?? fallback;
    // Not retried (x-should-retry: false) so a missing script fails fast with this message.
    if (!reply) return sendError(res, 500, 'fake openai: no scripted reply', { headers: { 'x-should-retry': 'false' } });
    await respond(res, rec, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendError(res, 500, `fake openai: ${(e as Error)?.message ?? e}`, { headers: { 'x-should-retry': 'false' } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setDefault: (reply) => {
      fallback = reply;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

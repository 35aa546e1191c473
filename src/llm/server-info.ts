import type { Logger } from '../log.js';
import { formatCount } from '../text/count.js';
import { estimateMessagesTokens, TOKENS_PER_MESSAGE } from './prompt-tokens.js';

// What an OpenAI-compatible server says about itself, asked once per process: its real context window
// and its tokenizer, so prompts are fitted to the model that reads them rather than to a setting and an
// estimate. Two servers tell:
// - llama.cpp's llama-server: GET /props has default_generation_settings.n_ctx, the context of one slot
//   (-c divided among -np parallel slots: -c 16384 -np 4 gives each request 4,096), and POST /tokenize
//   counts tokens with the model's own tokenizer;
// - Ollama: POST /api/show has the model's parameters (num_ctx, when its Modelfile sets one) and its
//   trained context_length; without num_ctx its OpenAI endpoint uses the server's default context.
// Others (vLLM, LM Studio, hosted APIs) tell nothing here: OPENAI_CONTEXT_TOKENS and the estimate hold.
// A probe that fails costs nothing but a log line: the bot works as before.

export interface ServerInfo {
  kind: 'llama.cpp' | 'ollama' | 'unknown';
  /** The context one request gets, as the server reports it (llama-server: per slot). */
  contextTokens?: number;
  /** llama-server's parallel slots (-np). */
  slots?: number;
  /** Ollama: the model's trained context, when its parameters set no num_ctx. */
  trainedContextTokens?: number;
  /** Counts a text's tokens with the server's tokenizer; absent when the server has no such endpoint. */
  tokenize?: (text: string) => Promise<number>;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Each probe request gives up after this: a server that is slow to say what it is must not hold a report. */
const PROBE_TIMEOUT_MS = 5_000;

/** The server's root: OPENAI_BASE_URL without its /v1 (llama-server and Ollama serve these beside it). */
export function serverRoot(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
}

async function json(fetcher: Fetch, url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetcher(url, { ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  if (!response.ok) {
    await response.body?.cancel();
    return undefined;
  }
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

const positive = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);

export async function probeServer(settings: { baseURL: string; model: string; apiKey?: string }, fetcher: Fetch, log?: Logger): Promise<ServerInfo> {
  const root = serverRoot(settings.baseURL);
  const headers = { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) };
  try {
    const props = (await json(fetcher, `${root}/props`, { headers })) as { default_generation_settings?: { n_ctx?: unknown }; total_slots?: unknown } | undefined;
    const nCtx = positive(props?.default_generation_settings?.n_ctx);
    if (nCtx) {
      return {
        kind: 'llama.cpp',
        contextTokens: nCtx,
        slots: positive(props?.total_slots),
        tokenize: async (text) => {
          const counted = (await json(fetcher, `${root}/tokenize`, { method: 'POST', headers, body: JSON.stringify({ content: text, add_special: false }) })) as { tokens?: unknown } | undefined;
          if (!Array.isArray(counted?.tokens)) throw new Error('the server did not count the tokens');
          return counted.tokens.length;
        },
      };
    }
    const show = (await json(fetcher, `${root}/api/show`, { method: 'POST', headers, body: JSON.stringify({ model: settings.model }) })) as { parameters?: unknown; model_info?: Record<string, unknown> } | undefined;
    if (show && (show.parameters !== undefined || show.model_info)) {
      const numCtx = typeof show.parameters === 'string' ? /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(show.parameters)?.[1] : undefined;
      const trained = Object.entries(show.model_info ?? {}).find(([key]) => key.endsWith('.context_length'))?.[1];
      return { kind: 'ollama', ...(numCtx ? { contextTokens: Number(numCtx) } : {}), ...(positive(trained) ? { trainedContextTokens: positive(trained) } : {}) };
    }
  } catch (error) {
    log?.info({ err: error instanceof Error ? error.message : String(error) }, 'llm: the server did not say its context or tokenizer; using OPENAI_CONTEXT_TOKENS and an estimate');
  }
  return { kind: 'unknown' };
}

/**
 * The context prompts are fitted to: the smaller of the setting and what the server reports (a larger
 * setting overflows; a smaller one may be a choice, to keep prompts short on a slow machine), with the
 * warning to log when the two disagree.
 */
export function effectiveContext(configured: number, info: ServerInfo): { contextTokens: number; warning?: string } {
  const n = (v: number) => formatCount(v);
  if (info.kind === 'ollama' && info.contextTokens === undefined) {
    return {
      contextTokens: configured,
      warning: `Ollama does not say its context for this model (no num_ctx in its parameters): its OpenAI endpoint uses the server's default (OLLAMA_CONTEXT_LENGTH), which may be less than OPENAI_CONTEXT_TOKENS=${n(configured)}; set OLLAMA_CONTEXT_LENGTH=${n(configured)} when starting ollama serve`,
    };
  }
  const server = info.contextTokens;
  if (server === undefined || server === configured) return { contextTokens: configured };
  const slots = info.slots && info.slots > 1 ? ` (its context divided among ${info.slots} parallel slots)` : '';
  if (server < configured) {
    return { contextTokens: server, warning: `OPENAI_CONTEXT_TOKENS is ${n(configured)} but the server gives each request ${n(server)} tokens${slots}: prompts are fitted to ${n(server)}; set OPENAI_CONTEXT_TOKENS=${n(server)}, or start the server with a larger context` };
  }
  return { contextTokens: configured, warning: `the server gives each request ${n(server)} tokens${slots} but OPENAI_CONTEXT_TOKENS is ${n(configured)}: prompts are kept to ${n(configured)}; raise it to use the server's context` };
}

/** Tokens of chat messages: the server's count when it can tokenize (plus the template's few), else the estimate. */
export async function countMessagesTokens(messages: ReadonlyArray<{ content?: unknown }>, info: ServerInfo): Promise<{ tokens: number; counted: 'server' | 'estimate' }> {
  if (info.tokenize) {
    try {
      const texts = messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
      const tokens = await info.tokenize(texts.join('\n'));
      return { tokens: tokens + TOKENS_PER_MESSAGE * messages.length, counted: 'server' };
    } catch {
      // Counted by the estimate below.
    }
  }
  return { tokens: estimateMessagesTokens(messages), counted: 'estimate' };
}

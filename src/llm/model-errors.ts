// What an OpenAI-compatible server's error means, read from its shape rather than its status alone.
// llama.cpp's llama-server says two things that look like ordinary failures and are not:
// - a grammar-constrained answer (response_format json_schema) that ran out of max_tokens cannot be
//   parsed into the format it promised: HTTP 500 "The model produced output that does not match the
//   expected <chat format> format" (or the same as an error event at the end of a stream). It is a cut,
//   not a crash: retrying the same request writes the same tokens and ends the same way;
// - a prompt longer than a slot's context: HTTP 400 {"type": "exceed_context_size_error",
//   "n_prompt_tokens": 14429, "n_ctx": 8192} (500 in builds before late 2025). It is not a refusal of
//   json_schema: asking again without the schema overflows again. Its numbers say what to change.
// vLLM and hosted APIs say the overflow in words ("maximum context length is 8192 tokens. However, you
// requested 9000 tokens (8000 in the messages…"), read for the same numbers. And a schema the grammar
// compiler cannot take ("failed to parse grammar") is a refusal of the schema.

import { formatCount } from '../text/count.js';

export type ModelFailure =
  | { kind: 'truncated' }
  | { kind: 'overflow'; promptTokens?: number; contextTokens?: number }
  | { kind: 'schema-refused' }
  | { kind: 'other' };

interface ErrorLike {
  status?: number;
  message?: string;
  error?: unknown;
}

function body(error: unknown): Record<string, unknown> {
  const inner = (error as ErrorLike | undefined)?.error;
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {};
}

function text(error: unknown): string {
  const fromBody = body(error).message;
  return `${typeof fromBody === 'string' ? fromBody : ''} ${(error as ErrorLike | undefined)?.message ?? ''}`;
}

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined);

export function classifyModelError(error: unknown): ModelFailure {
  if (!error || typeof error !== 'object') return { kind: 'other' };
  const fields = body(error);
  const words = text(error);
  if (fields.type === 'exceed_context_size_error' || /exceeds? the available context size/i.test(words)) {
    return { kind: 'overflow', promptTokens: count(fields.n_prompt_tokens), contextTokens: count(fields.n_ctx) };
  }
  const stated = /maximum context length is (\d+) tokens/i.exec(words);
  if (stated || fields.code === 'context_length_exceeded') {
    const prompt = /\((\d+) in the messages/i.exec(words) ?? /requested (\d+) tokens/i.exec(words);
    return { kind: 'overflow', contextTokens: stated ? Number(stated[1]) : undefined, promptTokens: prompt ? Number(prompt[1]) : undefined };
  }
  if (/does not match the expected .{0,40}format/i.test(words)) return { kind: 'truncated' };
  if (/failed to parse grammar|failed to initialize samplers|json[_ ]schema|response_format/i.test(words)) return { kind: 'schema-refused' };
  return { kind: 'other' };
}

/** "the prompt is 14,429 tokens and the server's context 8,192 (llama-server -c, per parallel slot)". */
export function describeOverflow(failure: Extract<ModelFailure, { kind: 'overflow' }>, configured: number): string {
  const n = (v: number) => formatCount(v);
  const prompt = failure.promptTokens !== undefined ? `the prompt is ${n(failure.promptTokens)} tokens` : 'the prompt is too long';
  const context = failure.contextTokens !== undefined ? ` and the server's context ${n(failure.contextTokens)}` : '';
  const advice =
    failure.contextTokens !== undefined && failure.contextTokens < configured
      ? `: the server has less than OPENAI_CONTEXT_TOKENS (${n(configured)}) says; start it with a larger context (llama-server -c, divided among its parallel slots -np) or set OPENAI_CONTEXT_TOKENS=${n(failure.contextTokens)}`
      : ': start the server with a larger context (llama-server -c) and set OPENAI_CONTEXT_TOKENS to match';
  return `${prompt}${context}${advice}`;
}

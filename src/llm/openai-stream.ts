import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { z } from 'zod';
import { AnswerCap, AnswerDeadlineError, type AnswerLimits, type CutReason } from './answer-cap.js';
import { classifyModelError } from './model-errors.js';
import type { OpenAICompatible } from './openai.js';
import { checkAnswer, htmlPageError, modelNameFrom, openAIChunkShape, openAICompletionShape } from './response-shape.js';

// One streamed chat completion, for answers and for the analysis alike. Text deltas go to `onText` as they
// arrive; the result is the whole text, why it stopped and the usage (asked for with stream_options;
// servers that ignore it report none). Whatever the server does, it ends:
// - before the first token the wait grows with the prompt (openai.ts firstTokenTimeoutMs: a CPU reads a
//   long prompt for minutes and sends nothing meanwhile); after it, OPENAI_TIMEOUT_MS of silence is a
//   stall (an error: the half answer is never shown as an answer). Streaming is what lets the watchdog
//   measure silence rather than the length of the whole answer;
// - the answer's limits (answer-cap.ts: length and deadline) cut it, keeping what was said, as does the
//   caller's signal (the analysis' deadline);
// - a generation is never sent again by the SDK (maxRetries 0: a 500 after minutes of writing would
//   cost those minutes again, and the usage of the first attempt was lost). Only a request that never
//   reached the model is tried again (a refused connection, 429, 503 while a model loads);
// - llama-server's "does not match the expected format" (an answer cut at max_tokens under a grammar)
//   comes back as a cut ('length'), with what was written, not as a crash.
// Every chunk is checked before it is read, and an HTML page is refused.

/**
 * The SDK's error classes, loaded with the first request: every command loads this file (through the
 * follow-up answers) but only a bot pointed at an OpenAI-compatible server needs the SDK, whose 155 files
 * cost each start about 80 ms.
 */
const sdk = async () => (await import('openai')).default;

export interface StreamedCompletion {
  text: string;
  /** 'stop', 'length' (cut at max_tokens), … or null when the server never said. */
  finishReason: string | null;
  usage: CompletionUsage | null;
  model: string;
  /** Set when the bot cut the answer (it passed a limit); the text is what came before. */
  cut?: CutReason;
  /** The server's own timing of the prompt, when it sent one (llama-server's `timings`). */
  promptTokensPerSecond?: number;
}

/** No data for the whole timeout: the answer was stopped (its half is never shown as an answer). */
export class StalledStreamError extends Error {
  override name = 'StalledStreamError';
}

export interface StreamParams {
  messages: ChatCompletionMessageParam[];
  maxTokens: number;
  /** From the request to the last word (answer-cap.ts). */
  deadlineMs: number;
  /** The prompt's size in tokens, for the wait before the first token. */
  promptTokens?: number;
  /** The most characters kept (answer-cap.ts; the analysis writes more than a chat answer). */
  maxChars?: number;
  /** Aborts the request from outside (the analysis' deadline). */
  signal?: AbortSignal;
  responseFormat?: ChatCompletionCreateParamsStreaming['response_format'];
  /** Called once when the server starts answering (the prompt has been read). */
  onFirstToken?: () => void;
}

/** Pause before trying a request that never reached the model again. */
const CHEAP_RETRY_MS = 1_000;

export async function streamCompletion(llm: OpenAICompatible, params: StreamParams, onText?: (delta: string) => void): Promise<StreamedCompletion> {
  const { model, timeoutMs } = llm.settings;
  const abort = new AbortController();
  const stopOnSignal = () => abort.abort();
  params.signal?.addEventListener('abort', stopOnSignal, { once: true });
  const limits: AnswerLimits = { maxTokens: params.maxTokens, deadlineMs: params.deadlineMs };
  const cap = new AnswerCap(limits, () => abort.abort(), params.maxChars);
  const firstWait = llm.firstTokenTimeoutMs(params.promptTokens ?? 0);
  let stalled = false;
  let idle: NodeJS.Timeout | undefined;
  let silentFor = firstWait;
  const watch = (ms: number) => {
    clearTimeout(idle);
    silentFor = ms;
    idle = setTimeout(() => {
      stalled = true;
      abort.abort();
    }, ms);
  };
  const parts: string[] = [];
  const result: StreamedCompletion = { text: '', finishReason: null, usage: null, model };
  let truncated = false;
  try {
    watch(firstWait);
    const { data: stream, response } = await openStream(llm, params, abort.signal, firstWait);
    // Not a stream: a proxy's or web UI's page, or JSON (a server that ignores `stream`, or `null`). Read as
    // SSE it holds no "data:" line and would pass for an empty answer.
    const type = response.headers.get('content-type') ?? '';
    if (/html/i.test(type)) throw htmlPageError('OPENAI_BASE_URL', 'a stream of chat completion chunks');
    const chunks = /json/i.test(type) ? [asChunk(checkAnswer(openAICompletionShape, parsedBody(await response.text()), 'OPENAI_BASE_URL'))] : stream;
    let first = true;
    for await (const raw of chunks) {
      watch(timeoutMs);
      const chunk = checkAnswer(openAIChunkShape, raw, 'OPENAI_BASE_URL', 'a chat completion chunk');
      result.model = modelNameFrom(chunk.model, result.model);
      if (chunk.usage) result.usage = chunk.usage as CompletionUsage;
      const speed = (chunk as { timings?: { prompt_per_second?: unknown } }).timings?.prompt_per_second;
      if (typeof speed === 'number' && Number.isFinite(speed) && speed > 0) {
        result.promptTokensPerSecond = speed;
        llm.learnPromptSpeed(speed);
      }
      const choice = chunk.choices[0];
      if (choice?.finish_reason) result.finishReason = choice.finish_reason;
      const delta = cap.take(choice?.delta?.content ?? '');
      if (delta) {
        if (first) params.onFirstToken?.();
        first = false;
        parts.push(delta);
        onText?.(delta);
      }
      if (cap.cut) break;
    }
  } catch (error) {
    // An abort of ours surfaces as the SDK's abort error: what counts is why we aborted (below).
    if (!abort.signal.aborted) {
      // Cut at max_tokens under a grammar: what was written stands, as a cut answer.
      if (classifyModelError(error).kind !== 'truncated') throw error;
      truncated = true;
    }
  } finally {
    clearTimeout(idle);
    cap.done();
    params.signal?.removeEventListener('abort', stopOnSignal);
    // Leaving the loop early must end the request too (the SDK does on `break`; this makes sure).
    abort.abort();
  }
  const text = parts.join('');
  if (truncated) return { ...result, text, finishReason: 'length' };
  if (cap.cut) {
    if (!text.trim() && cap.cut === 'deadline') throw new AnswerDeadlineError(params.deadlineMs);
    return { ...result, text, cut: cap.cut };
  }
  if (params.signal?.aborted) throw params.signal.reason instanceof Error ? params.signal.reason : new (await sdk()).APIUserAbortError();
  // The SDK ends the iteration quietly on an abort: a stalled answer is a half answer, never returned.
  if (stalled) throw new StalledStreamError(`${model} sent nothing for ${Math.round(silentFor / 1000)} s (${parts.length === 0 ? 'OPENAI_TIMEOUT_MS plus the time to read the prompt at OPENAI_PROMPT_TOKENS_PER_SECOND' : 'OPENAI_TIMEOUT_MS'}): the answer was stopped`);
  return { ...result, text };
}

/**
 * The request, sent once; tried again only when it never reached the model (nothing was generated, nothing
 * was spent): a refused connection, 429, or 503 while the server loads the model.
 */
async function openStream(llm: OpenAICompatible, params: StreamParams, signal: AbortSignal, timeout: number) {
  const body: ChatCompletionCreateParamsStreaming = {
    model: llm.settings.model,
    messages: params.messages,
    // max_tokens, not max_completion_tokens: it is the one every local server reads.
    max_tokens: params.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
    ...(params.responseFormat ? { response_format: params.responseFormat } : {}),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return await llm.client.chat.completions.create(body, { signal, maxRetries: 0, timeout }).withResponse();
    } catch (error) {
      const OpenAI = await sdk();
      const cheap =
        (error instanceof OpenAI.APIConnectionError && !(error instanceof OpenAI.APIConnectionTimeoutError) && !(error instanceof OpenAI.APIUserAbortError)) ||
        error instanceof OpenAI.RateLimitError ||
        (error instanceof OpenAI.APIError && error.status === 503);
      if (!cheap || attempt >= llm.settings.maxRetries || signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, CHEAP_RETRY_MS * (attempt + 1)));
    }
  }
}

/** A whole completion as the one chunk it would have been streamed as. */
function asChunk(completion: z.infer<typeof openAICompletionShape>): unknown {
  const choice = completion.choices[0]!;
  return { model: completion.model, usage: completion.usage, timings: (completion as { timings?: unknown }).timings, choices: [{ finish_reason: choice.finish_reason, delta: { content: choice.message.content } }] };
}

/** The body as JSON, or as the text it is when it is not JSON (so the error can say what it was). */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

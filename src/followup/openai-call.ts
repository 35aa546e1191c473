import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { AnswerCap, AnswerDeadlineError, type AnswerLimits, type CutReason } from '../llm/answer-cap.js';
import type { z } from 'zod';
import type { OpenAICompatible } from '../llm/openai.js';
import { checkAnswer, htmlPageError, modelNameFrom, openAIChunkShape, openAICompletionShape } from '../llm/response-shape.js';

// One streamed chat completion. Text deltas go to `onText` as they arrive; the result is the whole text,
// why it stopped and the usage (asked for with stream_options; servers that ignore it report none).
// Whatever the server does, it ends: no chunk for OPENAI_TIMEOUT_MS is a stall (an error: the half
// answer is never shown as an answer), and the answer's limits (answer-cap.ts: length and deadline) cut
// it, keeping what was said. Every chunk is checked before it is read, and an HTML page is refused.

export interface StreamedCompletion {
  text: string;
  /** 'stop', 'length' (cut at max_tokens), … or null when the server never said. */
  finishReason: string | null;
  usage: CompletionUsage | null;
  model: string;
  /** Set when the bot cut the answer (it passed a limit); the text is what came before. */
  cut?: CutReason;
}

/** No data for the whole timeout: the answer was stopped (its half is never shown as an answer). */
export class StalledStreamError extends Error {
  override name = 'StalledStreamError';
}

export async function streamCompletion(
  llm: OpenAICompatible,
  params: { messages: ChatCompletionMessageParam[]; maxTokens: number; deadlineMs: number },
  onText?: (delta: string) => void,
): Promise<StreamedCompletion> {
  const { model, timeoutMs } = llm.settings;
  const abort = new AbortController();
  const limits: AnswerLimits = { maxTokens: params.maxTokens, deadlineMs: params.deadlineMs };
  const cap = new AnswerCap(limits, () => abort.abort());
  // The SDK's timeout covers only the wait for response headers; a stream that stalls midway would hang
  // the thread until the deadline. No chunk for the whole timeout aborts it (the caller answers offline).
  let stalled = false;
  let idle: NodeJS.Timeout | undefined;
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      stalled = true;
      abort.abort();
    }, timeoutMs);
  };
  const parts: string[] = [];
  const result: StreamedCompletion = { text: '', finishReason: null, usage: null, model };
  try {
    watch();
    const { data: stream, response } = await llm.client.chat.completions
      .create({ model, messages: params.messages, max_tokens: params.maxTokens, stream: true, stream_options: { include_usage: true } }, { signal: abort.signal })
      .withResponse();
    // Not a stream: a proxy's or web UI's page, or JSON (a server that ignores `stream`, or `null`). Read as
    // SSE it holds no "data:" line and would pass for an empty answer.
    const type = response.headers.get('content-type') ?? '';
    if (/html/i.test(type)) throw htmlPageError('OPENAI_BASE_URL', 'a stream of chat completion chunks');
    const chunks = /json/i.test(type) ? [asChunk(checkAnswer(openAICompletionShape, parsedBody(await response.text()), 'OPENAI_BASE_URL'))] : stream;
    for await (const raw of chunks) {
      watch();
      const chunk = checkAnswer(openAIChunkShape, raw, 'OPENAI_BASE_URL', 'a chat completion chunk');
      result.model = modelNameFrom(chunk.model, result.model);
      if (chunk.usage) result.usage = chunk.usage as CompletionUsage;
      const choice = chunk.choices[0];
      if (choice?.finish_reason) result.finishReason = choice.finish_reason;
      const delta = cap.take(choice?.delta?.content ?? '');
      if (delta) {
        parts.push(delta);
        onText?.(delta);
      }
      if (cap.cut) break;
    }
  } catch (error) {
    // An abort of ours surfaces as the SDK's abort error: what counts is why we aborted (below).
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(idle);
    cap.done();
    // Leaving the loop early must end the request too (the SDK does on `break`; this makes sure).
    abort.abort();
  }
  const text = parts.join('');
  if (cap.cut) {
    if (!text.trim() && cap.cut === 'deadline') throw new AnswerDeadlineError(params.deadlineMs);
    return { ...result, text, cut: cap.cut };
  }
  // The SDK ends the iteration quietly on an abort: a stalled answer is a half answer, never returned.
  if (stalled) throw new StalledStreamError(`${model} sent nothing for ${timeoutMs} ms (OPENAI_TIMEOUT_MS): the answer was stopped`);
  return { ...result, text };
}

/** A whole completion as the one chunk it would have been streamed as. */
function asChunk(completion: z.infer<typeof openAICompletionShape>): unknown {
  const choice = completion.choices[0]!;
  return { model: completion.model, usage: completion.usage, choices: [{ finish_reason: choice.finish_reason, delta: { content: choice.message.content } }] };
}

/** The body as JSON, or as the text it is when it is not JSON (so the error can say what it was). */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

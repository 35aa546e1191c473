import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { OpenAICompatible } from '../llm/openai.js';

// One streamed chat completion. Text deltas go to `onText` as they arrive; the result is the whole text,
// why it stopped and the usage (asked for with stream_options; servers that ignore it report none).

export interface StreamedCompletion {
  text: string;
  /** 'stop', 'length' (cut at max_tokens), … or null when the server never said. */
  finishReason: string | null;
  usage: CompletionUsage | null;
  model: string;
}

/** No data for the whole timeout: the answer was stopped (its half is never shown as an answer). */
export class StalledStreamError extends Error {
  override name = 'StalledStreamError';
}

export async function streamCompletion(
  llm: OpenAICompatible,
  params: { messages: ChatCompletionMessageParam[]; maxTokens: number },
  onText?: (delta: string) => void,
): Promise<StreamedCompletion> {
  const { model, timeoutMs } = llm.settings;
  // The SDK's timeout covers only the wait for response headers; a stream that stalls midway would hang
  // the thread forever. No chunk for the whole timeout aborts it (the caller then answers offline).
  const abort = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort.abort(), timeoutMs);
  };
  const parts: string[] = [];
  const result: StreamedCompletion = { text: '', finishReason: null, usage: null, model };
  try {
    watch();
    const stream = await llm.client.chat.completions.create(
      { model, messages: params.messages, max_tokens: params.maxTokens, stream: true, stream_options: { include_usage: true } },
      { signal: abort.signal },
    );
    for await (const chunk of stream) {
      watch();
      if (chunk.model) result.model = chunk.model;
      if (chunk.usage) result.usage = chunk.usage;
      const choice = chunk.choices[0];
      if (choice?.finish_reason) result.finishReason = choice.finish_reason;
      const delta = choice?.delta?.content;
      if (delta) {
        parts.push(delta);
        onText?.(delta);
      }
    }
  } finally {
    clearTimeout(idle);
  }
  // The SDK ends the iteration quietly on an abort: a stalled answer is a half answer, never returned.
  if (abort.signal.aborted) throw new StalledStreamError(`${model} sent nothing for ${timeoutMs} ms (OPENAI_TIMEOUT_MS): the answer was stopped`);
  return { ...result, text: parts.join('') };
}

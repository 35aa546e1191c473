import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { Claude } from '../llm/claude.js';

// One call to Claude, streamed or not. Text deltas go to `onText` as they arrive; the result is the
// final message with its citations (the SDK assembles citations_delta events into each text block).

export async function callClaude(claude: Claude, params: MessageCreateParamsNonStreaming, onText?: (delta: string) => void): Promise<Message> {
  if (!onText) return claude.client.messages.create(params);
  const stream = claude.client.messages.stream(params);
  // Ask for the final message first: the SDK then knows its errors are awaited (none goes unhandled),
  // and an error before the first event rejects here as well as in the loop.
  const final = stream.finalMessage();
  final.catch(() => undefined);
  // The SDK's timeout covers only the wait for response headers; a stream that stalls midway would hang
  // the thread forever. No event for the whole timeout aborts it (the caller then answers offline).
  let idle: NodeJS.Timeout | undefined;
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stream.abort(), claude.settings.timeoutMs);
  };
  try {
    watch();
    for await (const event of stream) {
      watch();
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') onText(event.delta.text);
    }
  } finally {
    clearTimeout(idle);
  }
  return final;
}

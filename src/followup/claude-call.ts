import type { ContentBlock, Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { AnswerCap, AnswerDeadlineError, type AnswerLimits, type CutReason } from '../llm/answer-cap.js';
import type { Claude } from '../llm/claude.js';
import { anthropicMessageShape, checkAnswer, htmlPageError, modelNameFrom } from '../llm/response-shape.js';

// One call to Claude, streamed or not. Text deltas go to `onText` as they arrive; the result is the
// final message with its citations (the SDK assembles citations_delta events into each text block).
// As for any model server (ANTHROPIC_BASE_URL may be a proxy or gateway): the answer is held to its
// limits (answer-cap.ts), cut with what was said kept; a stream with no event for ANTHROPIC_TIMEOUT_MS
// is a stall (an error); a body that is not a message is refused.

export interface ClaudeAnswer {
  message: Message;
  /** Set when the bot cut the answer (it passed a limit); the message holds what came before. */
  cut?: CutReason;
}

export async function callClaude(claude: Claude, params: MessageCreateParamsNonStreaming, deadlineMs: number, onText?: (delta: string) => void): Promise<ClaudeAnswer> {
  const limits: AnswerLimits = { maxTokens: params.max_tokens, deadlineMs };
  return onText ? streamed(claude, params, limits, onText) : whole(claude, params, limits);
}

async function whole(claude: Claude, params: MessageCreateParamsNonStreaming, limits: AnswerLimits): Promise<ClaudeAnswer> {
  const abort = new AbortController();
  const cap = new AnswerCap(limits, () => abort.abort());
  let raw: unknown;
  try {
    raw = await claude.client.messages.create(params, { signal: abort.signal });
  } catch (error) {
    if (cap.cut) throw new AnswerDeadlineError(limits.deadlineMs);
    throw error;
  } finally {
    cap.done();
  }
  const message = checked(raw, claude.settings.model);
  const content = keptText(message.content, (text) => cap.take(text));
  return cap.cut ? { message: { ...message, content, stop_reason: 'max_tokens' }, cut: cap.cut } : { message };
}

async function streamed(claude: Claude, params: MessageCreateParamsNonStreaming, limits: AnswerLimits, onText: (delta: string) => void): Promise<ClaudeAnswer> {
  const stream = claude.client.messages.stream(params);
  // Ask for the final message first: the SDK then knows its errors are awaited (none goes unhandled),
  // and an error before the first event rejects here as well as in the loop.
  const final = stream.finalMessage();
  final.catch(() => undefined);
  const cap = new AnswerCap(limits, () => stream.abort());
  // The SDK's timeout covers only the wait for response headers; a stream that stalls midway would hang
  // the thread until the deadline. No event for the whole timeout aborts it (the caller answers offline).
  let idle: NodeJS.Timeout | undefined;
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stream.abort(), claude.settings.timeoutMs);
  };
  try {
    watch();
    const { response } = await stream.withResponse();
    if (/html/i.test(response.headers.get('content-type') ?? '')) throw htmlPageError('ANTHROPIC_BASE_URL', 'a stream of Messages API events');
    for await (const event of stream) {
      watch();
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        const text = cap.take(event.delta.text);
        if (text) onText(text);
      }
      if (cap.cut) break;
    }
  } catch (error) {
    if (!cap.cut) {
      stream.abort();
      throw error;
    }
  } finally {
    clearTimeout(idle);
    cap.done();
  }
  if (!cap.cut) return { message: checked(await final, claude.settings.model) };
  // Cut: the message as far as it came (its text blocks and their citations), held to what was shown.
  stream.abort();
  let room = cap.taken;
  const content = keptText(stream.currentMessage?.content ?? [], (text) => {
    const kept = text.slice(0, room);
    room -= kept.length;
    return kept;
  });
  if (cap.cut === 'deadline' && !content.some((block) => block.type === 'text' && block.text.trim())) throw new AnswerDeadlineError(limits.deadlineMs);
  return { message: { ...(stream.currentMessage ?? emptyMessage(claude.settings.model)), content, stop_reason: 'max_tokens' }, cut: cap.cut };
}

/** The SDK's message after a check of what the bot reads from it (a `null` or an HTML page is refused). */
function checked(raw: unknown, configured: string): Message {
  const message = checkAnswer(anthropicMessageShape, raw, 'ANTHROPIC_BASE_URL') as unknown as Message;
  return { ...message, model: modelNameFrom(message.model, configured) };
}

/** The content's text blocks, each cut to what `take` keeps of it (nothing, past a limit), in order. */
function keptText(content: ContentBlock[], take: (text: string) => string): ContentBlock[] {
  const kept: ContentBlock[] = [];
  for (const block of content) {
    if (block.type !== 'text') continue;
    const text = take(block.text);
    if (text) kept.push({ ...block, text });
  }
  return kept;
}

function emptyMessage(model: string): Message {
  return { id: 'cut', type: 'message', role: 'assistant', model, content: [], stop_reason: 'max_tokens', stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } as unknown as Message;
}

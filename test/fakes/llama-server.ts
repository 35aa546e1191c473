import { startFakeOpenAI, type FakeOpenAI, type RecordedChatRequest } from './openai.js';

// A fake of llama.cpp's llama-server for tests, on the OpenAI fake (test/fakes/openai.ts: the same /v1 routes
// and scripted replies), behaving as a small model on a CPU does, as the issue measured it:
// - GET /props: {default_generation_settings: {n_ctx}, total_slots}: the context of one slot (-c / -np);
// - POST /tokenize {content}: {tokens: [...]}, counted by its own tokenizer (below), which is what the prompt
//   and the answer are measured in everywhere;
// - a prompt over n_ctx: HTTP 400 {"error": {"code": 400, "type": "exceed_context_size_error",
//   "message": "the request exceeds the available context size…", "n_prompt_tokens", "n_ctx"}};
// - an answer over max_tokens: cut there; under a json_schema grammar llama-server cannot parse the cut
//   JSON into its chat format: 500 "The model produced output that does not match the expected
//   peg-native format" (streamed: the cut text, then that error as the last event), without one
//   finish_reason 'length';
// - slow prompt reading: nothing is sent for promptTokens / promptTokensPerSecond seconds;
// - `timings` in the last chunk ({prompt_n, prompt_ms, prompt_per_second, predicted_n, …}).
// Its tokenizer cuts words into pieces of up to four letters, every digit and punctuation mark apart: like
// a 32k-vocabulary tokenizer on the day's JSON, about a third more tokens than characters / 4.

export interface FakeLlamaOptions {
  /** The context of one slot (default 8192). */
  nCtx?: number;
  /** Parallel slots (-np), reported in /props (default 1). */
  slots?: number;
  /** How fast the prompt is read; 0 or absent: at once. */
  promptTokensPerSecond?: number;
  /** Answer 404 to /tokenize (an older build, or a proxy in front). */
  noTokenize?: boolean;
  /** Answer 404 to /props too: a server behind a proxy that passes only /v1, which says nothing of itself. */
  noProps?: boolean;
}

export interface FakeLlamaServer extends FakeOpenAI {
  /** Requests to /props and /tokenize, in order. */
  probes: string[];
  countTokens(text: string): number;
}

export const TRUNCATION_MESSAGE = 'The model produced output that does not match the expected peg-native format';

export function llamaTokens(text: string): number {
  return (text.match(/\p{L}{1,4}|\p{N}|[^\p{L}\p{N}\s]/gu) ?? []).length;
}

export async function startFakeLlamaServer(options: FakeLlamaOptions = {}): Promise<FakeLlamaServer> {
  const nCtx = options.nCtx ?? 8192;
  const probes: string[] = [];
  const fake = await startFakeOpenAI({
    server: {
      countTokens: llamaTokens,
      route(method, path, body, send) {
        if (method === 'GET' && path === '/props') {
          probes.push('/props');
          if (options.noProps) {
            send(404, { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } });
            return true;
          }
          send(200, { default_generation_settings: { id: 0, n_ctx: nCtx, is_processing: false, params: {} }, total_slots: options.slots ?? 1, model_path: '../models/qwen2.5-0.5b-instruct-q4_k_m.gguf', build_info: 'b7000-fake' });
          return true;
        }
        if (method === 'POST' && path === '/tokenize') {
          probes.push('/tokenize');
          if (options.noTokenize) send(404, { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } });
          else send(200, { tokens: Array.from({ length: llamaTokens(String(body?.content ?? '')) }, (_, i) => i) });
          return true;
        }
        return false;
      },
      refuse(request: RecordedChatRequest) {
        if (request.promptTokens <= nCtx) return undefined;
        return {
          status: 400,
          body: { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error', n_prompt_tokens: request.promptTokens, n_ctx: nCtx } },
        };
      },
      readPromptMs: (request) => (options.promptTokensPerSecond ? Math.round((request.promptTokens / options.promptTokensPerSecond) * 1000) : 0),
      cutUnderGrammar: { message: TRUNCATION_MESSAGE },
      finalFields: (request, predicted) => {
        const speed = options.promptTokensPerSecond ?? 2_000;
        return { timings: { prompt_n: request.promptTokens, prompt_ms: (request.promptTokens / speed) * 1000, prompt_per_second: speed, predicted_n: predicted, predicted_ms: predicted * 50, predicted_per_second: 20 } };
      },
    },
  });
  return { ...fake, probes, countTokens: llamaTokens };
}
